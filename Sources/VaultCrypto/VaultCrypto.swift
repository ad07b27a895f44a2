// The VaultCrypto module.
