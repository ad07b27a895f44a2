#ifndef CPKCS11_SHIM_H
#define CPKCS11_SHIM_H
/* The PKCS#11 types and constants as p11-kit ships them. No library is linked: a module is
   loaded with dlopen and reached through its function list. */
#include <p11-kit/pkcs11.h>
#endif
