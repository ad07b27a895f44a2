#ifndef CPCSCLITE_SHIM_H
#define CPCSCLITE_SHIM_H
#include <winscard.h>
#include <wintypes.h>
#include <pcsclite.h>

/* MAX_BUFFER_SIZE_EXTENDED is an expression macro that Swift does not import. */
static inline DWORD cpcsclite_max_buffer_size_extended(void) { return MAX_BUFFER_SIZE_EXTENDED; }
#endif
