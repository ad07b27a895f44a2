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

/// HKDF-SHA256 (RFC 5869, extract then expand) on a context of the fetched "HKDF" KDF.
/// The parameter array lives only for this call; an empty salt or info is left out, which
/// RFC 5869 defines as a salt of zeros and an empty info.
static inline int COpenSSL_EVP_KDF_derive_HKDF_SHA256(
    EVP_KDF_CTX *context, const unsigned char *key, size_t keyLength,
    const unsigned char *salt, size_t saltLength, const unsigned char *info, size_t infoLength,
    unsigned char *output, size_t outputLength) {
    OSSL_PARAM parameters[5];
    OSSL_PARAM *next = parameters;
    *next++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)"SHA256", 0);
    *next++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)key, keyLength);
    if (saltLength > 0) {
        *next++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)salt, saltLength);
    }
    if (infoLength > 0) {
        *next++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, (void *)info, infoLength);
    }
    *next = OSSL_PARAM_construct_end();
    return EVP_KDF_derive(context, output, outputLength, parameters);
}
/// A new RSA key of `bits` bits (EVP_RSA_gen is a variadic macro Swift cannot call).
static inline EVP_PKEY *COpenSSL_RSA_generate(unsigned int bits) {
    return EVP_RSA_gen(bits);
}

#endif
