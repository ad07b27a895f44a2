// The VaultCore module.
