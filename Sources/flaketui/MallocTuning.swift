#if canImport(Glibc)
import Glibc
#endif

/// glibc's malloc raises its mmap threshold each time a large block is freed, so later large
/// buffers (batches, the runs array as it grows) come from the heap, where freeing them leaves
/// holes the process keeps. A fixed 1 MB threshold hands those buffers back to the system when
/// freed: on a tree of 1.2 million runs the peak fell from 226–246 MB to about 175 MB, at the same
/// speed (a 128 KB threshold cost a third more time on lane logs).
///
/// Each arena also keeps up to 16 MB free at its top instead of 128 KB: a worker frees a run's
/// results and allocates the next run's in the same place, and giving those pages back only to
/// fault them in again was most of the system time (text lane logs: 1 GB went from 108,000 page
/// faults to 49,000 and 0.58 s of system time to 0.33 s; 4 GB from 1.9 s to 0.7 s, its peak from
/// 162 to 175 MB).
enum MallocTuning {
    static func apply() {
        #if canImport(Glibc)
        // `mallopt` is declared in <malloc.h>, which the Glibc module leaves out.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
        _ = mallopt(mmapThreshold, 1 << 20)
        let trimThreshold: Int32 = -1  // M_TRIM_THRESHOLD
        _ = mallopt(trimThreshold, 16 << 20)
        #endif
    }
}
