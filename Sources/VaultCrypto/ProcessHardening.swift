import CProcessControl
#if canImport(Glibc)
import Glibc
#endif

/// What a process that opens patient data does to itself before anything is decrypted, so that
/// what it holds does not leave through the operating system: no core file is written
/// (`RLIMIT_CORE` 0, and not dumpable, which also refuses the same user's debugger and reads of
/// `/proc/PID/mem`), and heap blocks are overwritten as soon as they are freed, so that a
/// decrypted record piece lasts only as long as its use. Keys live in `SecretPages` besides.
///
/// What it cannot stop is left to the system: root (or `CAP_SYS_PTRACE`) can still read the
/// process's memory while it runs, and glibc's per-thread cache keeps small freed blocks (up
/// to about 1 KiB: names, an INS) as they were until they are reused.
public enum ProcessHardening {
    /// The byte freed heap memory is overwritten with.
    static let freedMemoryFiller: Int32 = 0xA5

    /// Applies the hardening to this process; idempotent. Throws when the system refuses it, so
    /// that no session opens unprotected.
    public static func apply() throws(CryptoError) {
        var none = rlimit(rlim_cur: 0, rlim_max: 0)
        guard setrlimit(Int32(RLIMIT_CORE.rawValue), &none) == 0 else {
            throw .hardeningRefused(step: "setting RLIMIT_CORE to 0", reason: String(cString: strerror(errno)))
        }
        guard CProcessControl_set_not_dumpable() == 0 else {
            throw .hardeningRefused(step: "prctl(PR_SET_DUMPABLE, 0)", reason: String(cString: strerror(errno)))
        }
        guard CProcessControl_overwrite_freed_memory(freedMemoryFiller) == 1 else {
            throw .hardeningRefused(step: "mallopt(M_PERTURB)", reason: "refused by the C library")
        }
    }
}
