// Test support for the card stack.
