#ifndef CPROCESSCONTROL_SHIM_H
#define CPROCESSCONTROL_SHIM_H
#include <malloc.h>
#include <sys/prctl.h>

// Function forms of the variadic prctl(2) calls and the malloc option Swift cannot import.

/// prctl(PR_SET_DUMPABLE, 0): no core file, and no ptrace or /proc/PID/mem by the same user.
static inline int CProcessControl_set_not_dumpable(void) { return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0); }

/// prctl(PR_GET_DUMPABLE): 1 when the process may be dumped or traced by its user, 0 when not.
static inline int CProcessControl_is_dumpable(void) { return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0); }

/// mallopt(M_PERTURB, byte): memory freed through malloc is overwritten with `byte` at once.
static inline int CProcessControl_overwrite_freed_memory(int byte) { return mallopt(M_PERTURB, byte); }

#endif
