// The CPSCard module.
