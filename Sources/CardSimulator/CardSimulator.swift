// The CardSimulator module.
