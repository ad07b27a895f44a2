#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/x509_vfy.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/core_names.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

// Function forms of OpenSSL macros that Swift cannot import.

static inline int COpenSSL_BIO_flush(BIO *bio) { return (int)BIO_flush(bio); }
static inline long COpenSSL_BIO_get_mem_data(BIO *bio, char **data) { return BIO_get_mem_data(bio, data); }
static inline int COpenSSL_BIO_reset(BIO *bio) { return (int)BIO_reset(bio); }

static inline void COpenSSL_free(void *pointer) { OPENSSL_free(pointer); }

static inline STACK_OF(X509) *COpenSSL_sk_X509_new_null(void) { return sk_X509_new_null(); }
static inline int COpenSSL_sk_X509_push(STACK_OF(X509) *stack, X509 *certificate) {
    return sk_X509_push(stack, certificate);
}
static inline int COpenSSL_sk_X509_num(const STACK_OF(X509) *stack) { return sk_X509_num(stack); }
static inline X509 *COpenSSL_sk_X509_value(const STACK_OF(X509) *stack, int index) {
    return sk_X509_value(stack, index);
}
/// Frees the stack and every certificate in it.
static inline void COpenSSL_sk_X509_pop_free(STACK_OF(X509) *stack) { sk_X509_pop_free(stack, X509_free); }

static inline int COpenSSL_sk_X509_REVOKED_num(const STACK_OF(X509_REVOKED) *stack) {
    return sk_X509_REVOKED_num(stack);
}
static inline X509_REVOKED *COpenSSL_sk_X509_REVOKED_value(const STACK_OF(X509_REVOKED) *stack, int index) {
    return sk_X509_REVOKED_value(stack, index);
}

/// A context of the fetched "HMAC" MAC with SHA-256 set and no key yet, to be duplicated for
/// each code.
static inline EVP_MAC_CTX *COpenSSL_EVP_MAC_CTX_new_HMAC_SHA256(EVP_MAC *mac) {
    EVP_MAC_CTX *context = EVP_MAC_CTX_new(mac);
    if (context == NULL) { return NULL; }
    OSSL_PARAM parameters[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)"SHA256", 0), OSSL_PARAM_construct_end()};
    if (EVP_MAC_CTX_set_params(context, parameters) != 1) {
        EVP_MAC_CTX_free(context);
        return NULL;
    }
    return context;
}

/// A new RSA key of `bits` bits (EVP_RSA_gen is a variadic macro Swift cannot call).
static inline EVP_PKEY *COpenSSL_RSA_generate(unsigned int bits) {
    return EVP_RSA_gen(bits);
}

#endif
