import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Threads that live for a whole ingest and work through a queue of jobs: each job is work
/// split over indices, its results in index order, so the outcome never depends on scheduling.
/// A worker that runs out of items in one job goes on to the next queued one, so that a batch's
/// last file does not leave the other cores idle. What a thread keeps for itself (the frame memo)
/// lasts from batch to batch; threads made per batch lost it each time and worked every function
/// name out again.
///
/// Threads of its own: libdispatch's pool on Linux ran these batches on one core (perf stat:
/// 1.0 CPUs utilised).
final class WorkerPool: @unchecked Sendable {
    let threads: Int
    private let condition = NSCondition()
    /// Guarded by `condition`: jobs with items not yet taken, oldest first.
    private var queue: [QueuedJob] = []
    private var stopping = false

    /// One job's items, taken by index by whichever worker is free.
    private final class QueuedJob: @unchecked Sendable {
        let count: Int
        let run: @Sendable (Int, Int) -> Void
        let next = AtomicCounter()
        let done = AtomicCounter()
        let finished = DispatchSemaphore(value: 0)

        init(count: Int, run: @escaping @Sendable (Int, Int) -> Void) {
            self.count = count
            self.run = run
        }
    }

    init(threads: Int) {
        self.threads = max(1, threads)
        for worker in 0..<self.threads {
            let thread = Thread { [self] in loop(worker: worker) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Queues `body` over 0..<count; `body` gets the index and the worker number (0..<threads),
    /// for per-worker state (a worker runs one item at a time).
    func start<T: Sendable>(count: Int, _ body: @escaping @Sendable (Int, Int) -> T) -> PendingJob<T> {
        let slots = ResultSlots<T>(count: count)
        let job = QueuedJob(count: count) { index, worker in slots.store(body(index, worker), at: index) }
        if count == 0 {
            job.finished.signal()
        } else {
            condition.lock()
            queue.append(job)
            condition.broadcast()
            condition.unlock()
        }
        return PendingJob(finished: job.finished, slots: slots)
    }

    /// Lets the threads end once the queue is empty.
    func finish() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func loop(worker: Int) {
        while true {
            condition.lock()
            while queue.isEmpty && !stopping { condition.wait() }
            guard let job = queue.first else {
                condition.unlock()
                return
            }
            condition.unlock()
            while true {
                let index = job.next.increment()
                guard index < job.count else { break }
                job.run(index, worker)
                if job.done.incrementPublishing() == job.count - 1 { job.finished.signal() }
            }
            // Every item is taken (some may still run elsewhere): the job leaves the queue.
            condition.lock()
            if queue.first === job { queue.removeFirst() }
            condition.unlock()
        }
    }
}

/// A job on the pool; `wait()` gives its results in index order, once.
struct PendingJob<T>: @unchecked Sendable {
    fileprivate let finished: DispatchSemaphore
    fileprivate let slots: ResultSlots<T>

    func wait() -> [T] {
        finished.wait()
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

    /// The value before, for taking the next index.
    func increment() -> Int { value.add(1, ordering: .relaxed).oldValue }

    /// The value before, ordered with every other worker's results: the one that counts the
    /// last item sees them all stored before it signals.
    func incrementPublishing() -> Int { value.add(1, ordering: .acquiringAndReleasing).oldValue }
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
