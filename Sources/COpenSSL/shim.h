#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H
#include <string.h>
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
#include <openssl/pkcs7.h>

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

/// The `index`-th URI (counting across every distribution point's full name) of a certificate's
/// cRLDistributionPoints extension, or NULL past the last one.
static inline const ASN1_IA5STRING *COpenSSL_distribution_point_uri(const STACK_OF(DIST_POINT) *points, int index) {
    for (int point = 0; point < sk_DIST_POINT_num(points); point++) {
        const DIST_POINT *distribution = sk_DIST_POINT_value(points, point);
        if (distribution->distpoint == NULL || distribution->distpoint->type != 0) { continue; }
        const GENERAL_NAMES *names = distribution->distpoint->name.fullname;
        for (int name = 0; name < sk_GENERAL_NAME_num(names); name++) {
            const GENERAL_NAME *general = sk_GENERAL_NAME_value(names, name);
            if (general->type == GEN_URI && index-- == 0) { return general->d.uniformResourceIdentifier; }
        }
    }
    return NULL;
}
static inline void COpenSSL_CRL_DIST_POINTS_free(STACK_OF(DIST_POINT) *points) { CRL_DIST_POINTS_free(points); }

/// The certificates of a PKCS#7 SignedData (a "certs-only" bundle), or NULL for any other content type.
static inline STACK_OF(X509) *COpenSSL_PKCS7_certificates(PKCS7 *bundle) {
    return PKCS7_type_is_signed(bundle) && bundle->d.sign != NULL ? bundle->d.sign->cert : NULL;
}

/// HMAC-SHA256 (RFC 2104) of the message `first || second || third` (parts may be empty) under
/// `key` into `code` (32 bytes), computed on a caller's digest context with SHA-256 already
/// fetched: two digests over the padded key, which is what OpenSSL's HMAC does, without its
/// per-code provider set-up (which cost twice the digests for short messages). Keys longer than
/// the 64-byte block are hashed first. Returns 1, or 0 on failure.
static inline int COpenSSL_HMAC_SHA256_parts(EVP_MD_CTX *context, const EVP_MD *sha256, const unsigned char *key,
                                             size_t keyLength, const unsigned char *first, size_t firstLength,
                                             const unsigned char *second, size_t secondLength,
                                             const unsigned char *third, size_t thirdLength, unsigned char *code) {
    unsigned char block[64], inner[32], hashedKey[32];
    int ok = 1;
    if (keyLength > sizeof block) {
        ok = EVP_DigestInit_ex2(context, sha256, NULL) && EVP_DigestUpdate(context, key, keyLength)
            && EVP_DigestFinal_ex(context, hashedKey, NULL);
        key = hashedKey;
        keyLength = sizeof hashedKey;
    }
    memset(block, 0x36, sizeof block);
    for (size_t index = 0; index < keyLength; index++) { block[index] ^= key[index]; }
    ok = ok && EVP_DigestInit_ex2(context, sha256, NULL) && EVP_DigestUpdate(context, block, sizeof block)
        && EVP_DigestUpdate(context, first, firstLength) && EVP_DigestUpdate(context, second, secondLength)
        && EVP_DigestUpdate(context, third, thirdLength) && EVP_DigestFinal_ex(context, inner, NULL);
    for (size_t index = 0; index < sizeof block; index++) { block[index] ^= 0x36 ^ 0x5c; }
    ok = ok && EVP_DigestInit_ex2(context, sha256, NULL) && EVP_DigestUpdate(context, block, sizeof block)
        && EVP_DigestUpdate(context, inner, sizeof inner) && EVP_DigestFinal_ex(context, code, NULL);
    OPENSSL_cleanse(block, sizeof block);
    OPENSSL_cleanse(inner, sizeof inner);
    OPENSSL_cleanse(hashedKey, sizeof hashedKey);
    return ok;
}

/// HMAC-SHA256 of `message` under `key` into `code` (32 bytes), as `COpenSSL_HMAC_SHA256_parts`.
static inline int COpenSSL_HMAC_SHA256(EVP_MD_CTX *context, const EVP_MD *sha256, const unsigned char *key,
                                       size_t keyLength, const unsigned char *message, size_t messageLength,
                                       unsigned char *code) {
    return COpenSSL_HMAC_SHA256_parts(context, sha256, key, keyLength, message, messageLength, NULL, 0, NULL, 0, code);
}

/// HKDF-SHA256 (RFC 5869) into `output` (`outputLength` bytes, at most 255 * 32): extract with
/// `salt` (32 zero bytes when empty), then expand with `info`, on the HMAC above. The
/// intermediate keys are cleansed. Returns 1, or 0 on failure.
static inline int COpenSSL_HKDF_SHA256(EVP_MD_CTX *context, const EVP_MD *sha256, const unsigned char *salt,
                                       size_t saltLength, const unsigned char *inputKey, size_t inputKeyLength,
                                       const unsigned char *info, size_t infoLength, unsigned char *output,
                                       size_t outputLength) {
    unsigned char zeroSalt[32] = {0}, pseudorandomKey[32], block[32];
    if (outputLength > 255 * sizeof block) { return 0; }
    if (saltLength == 0) {
        salt = zeroSalt;
        saltLength = sizeof zeroSalt;
    }
    int ok = COpenSSL_HMAC_SHA256(context, sha256, salt, saltLength, inputKey, inputKeyLength, pseudorandomKey);
    size_t produced = 0;
    for (unsigned char counter = 1; ok && produced < outputLength; counter++) {
        // T(i) = HMAC(PRK, T(i-1) || info || i), T(0) empty.
        ok = COpenSSL_HMAC_SHA256_parts(context, sha256, pseudorandomKey, sizeof pseudorandomKey, block,
                                        counter == 1 ? 0 : sizeof block, info, infoLength, &counter, 1, block);
        size_t take = outputLength - produced < sizeof block ? outputLength - produced : sizeof block;
        memcpy(output + produced, block, take);
        produced += take;
    }
    OPENSSL_cleanse(pseudorandomKey, sizeof pseudorandomKey);
    OPENSSL_cleanse(block, sizeof block);
    return ok;
}

/// A new RSA key of `bits` bits (EVP_RSA_gen is a variadic macro Swift cannot call).
static inline EVP_PKEY *COpenSSL_RSA_generate(unsigned int bits) {
    return EVP_RSA_gen(bits);
}

#endif
