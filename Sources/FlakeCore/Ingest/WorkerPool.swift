import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Threads that live for a whole ingest and take one job at a time: work split over indices,
/// results in index order, so the outcome never depends on scheduling. What a thread keeps for
/// itself (the frame memo) lasts from batch to batch; threads made per batch lost it each time
/// and worked every function name out again.
///
/// Threads of its own: libdispatch's pool on Linux ran these batches on one core (perf stat:
/// 1.0 CPUs utilised).
final class WorkerPool: @unchecked Sendable {
    let threads: Int
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var job: (@Sendable (Int) -> Void)?
    private var generation = 0
    private var finishedWorkers = 0
    private var stopping = false
    private let jobDone = DispatchSemaphore(value: 0)

    init(threads: Int) {
        self.threads = max(1, threads)
        for worker in 0..<self.threads {
            let thread = Thread { [self] in loop(worker: worker) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Starts `body` over 0..<count on the pool; `body` gets the index and the worker number
    /// (0..<threads), for per-worker state. One job at a time: wait for it before the next.
    func start<T: Sendable>(count: Int, _ body: @escaping @Sendable (Int, Int) -> T) -> PendingJob<T> {
        let slots = ResultSlots<T>(count: count)
        let next = AtomicCounter()
        condition.lock()
        precondition(job == nil, "one job at a time")
        job = { worker in
            while true {
                let i = next.increment()
                guard i < count else { break }
                slots.store(body(i, worker), at: i)
            }
        }
        generation += 1
        finishedWorkers = 0
        condition.broadcast()
        condition.unlock()
        return PendingJob(pool: self, slots: slots)
    }

    /// Blocks until the job started last is done.
    fileprivate func waitForJob() {
        jobDone.wait()
    }

    /// Lets the threads end once they are idle.
    func finish() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func loop(worker: Int) {
        var seen = 0
        while true {
            condition.lock()
            while generation == seen && !stopping { condition.wait() }
            if generation == seen {
                condition.unlock()
                return
            }
            seen = generation
            let work = job!
            condition.unlock()
            work(worker)
            condition.lock()
            finishedWorkers += 1
            let last = finishedWorkers == threads
            if last { job = nil }
            condition.unlock()
            if last { jobDone.signal() }
        }
    }
}

/// A job on the pool; `wait()` gives its results in index order.
struct PendingJob<T>: @unchecked Sendable {
    fileprivate let pool: WorkerPool
    fileprivate let slots: ResultSlots<T>

    func wait() -> [T] {
        pool.waitForJob()
        return slots.values()
    }
}

/// Runs `body` for 0..<count on several threads once; results come back in index order.
enum ParallelMap {
    static func threads(_ workers: Int?) -> Int { max(1, workers ?? ProcessInfoCores.count) }

    static func run<T: Sendable>(count: Int, workers: Int?, _ body: @escaping @Sendable (Int, Int) -> T) -> [T] {
        let threads = min(threads(workers), count)
        if threads <= 1 { return (0..<count).map { body($0, 0) } }
        let pool = WorkerPool(threads: threads)
        defer { pool.finish() }
        return pool.start(count: count, body).wait()
    }
}

/// Each index is written by exactly one worker, before `values()` reads them all. The slots are
/// raw memory: `withUnsafeMutableBufferPointer` on a shared array is itself an access that
/// overlaps across threads (the exclusivity check trapped under 100,000 quick stores).
private final class ResultSlots<T>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<T?>
    private var moved = false

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    deinit {
        if !moved { storage.deinitialize() }
        storage.deallocate()
    }

    func store(_ value: T, at index: Int) { storage[index] = value }

    /// Moves the results out (copying them retained every string of every parsed run once more).
    func values() -> [T] {
        precondition(!moved, "results are taken once")
        moved = true
        return (0..<storage.count).map { storage.moveElement(from: $0)! }
    }
}

private final class AtomicCounter: Sendable {
    private let value = Atomic<Int>(0)

    func increment() -> Int { value.add(1, ordering: .relaxed).oldValue }
}

enum ProcessInfoCores {
    static var count: Int {
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 2
        #endif
    }
}
