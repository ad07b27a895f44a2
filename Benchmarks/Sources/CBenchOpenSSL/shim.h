#ifndef CBENCHOPENSSL_SHIM_H
#define CBENCHOPENSSL_SHIM_H
// What the raw AES-256-GCM baseline calls: OpenSSL's EVP cipher interface and its random bytes.
#include <openssl/evp.h>
#include <openssl/rand.h>
#endif
