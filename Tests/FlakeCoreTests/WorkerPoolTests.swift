#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Testing
@testable import FlakeCore

/// The ingest's worker threads: results in index order, queued jobs kept apart, and one thread per
/// worker number for the whole ingest, so what a thread keeps for itself (its frame memo) lasts
/// from batch to batch.
@Suite struct WorkerPoolTests {
    @Test func resultsComeBackInIndexOrderJobAfterJob() {
        let pool = WorkerPool(threads: 4)
        defer { pool.finish() }
        for job in 0..<20 {
            let count = job * 37 % 101
            let results = pool.start(count: count) { index, _ in index * 3 + job }.wait()
            #expect(results == (0..<count).map { $0 * 3 + job })
        }
    }

    @Test func queuedJobsEachGiveTheirOwnResults() {
        let pool = WorkerPool(threads: 3)
        defer { pool.finish() }
        let first = pool.start(count: 50) { index, _ in index }
        let second = pool.start(count: 70) { index, _ in index * 2 }
        let empty = pool.start(count: 0) { index, _ in index }
        // Waited for out of order: each job is counted on its own.
        #expect(second.wait() == (0..<70).map { $0 * 2 })
        #expect(empty.wait().isEmpty)
        #expect(first.wait() == Array(0..<50))
    }

    @Test func eachWorkerNumberKeepsItsThread() {
        let pool = WorkerPool(threads: 3)
        defer { pool.finish() }
        var threadOfWorker: [Int: UInt] = [:]
        for _ in 0..<10 {
            let seen = pool.start(count: 64) { _, worker in (worker, UInt(pthread_self())) }.wait()
            for (worker, thread) in seen {
                #expect((0..<3).contains(worker))
                if let known = threadOfWorker[worker] { #expect(known == thread) } else { threadOfWorker[worker] = thread }
            }
        }
        #expect(Set(threadOfWorker.values).count == threadOfWorker.count, "no two worker numbers share a thread")
    }

    @Test func oneThreadDoesEverythingInOrder() {
        #expect(ParallelMap.run(count: 5, workers: 1) { index, worker in index + worker * 100 } == [0, 1, 2, 3, 4])
        #expect(ParallelMap.run(count: 0, workers: 4) { index, _ in index }.isEmpty)
    }
}
