import Foundation

extension BatchFolder {
    /// `prognos merge DIR… --output DIR`: the shards' runs joined; every run must be there,
    /// intact (its checksums) and computed from the same inputs. Everything is checked
    /// before anything is written; the result is built in a temporary folder beside `output`
    /// and renamed into place, so a refused or failed merge leaves nothing half filled.
    static func merge(folders: [String], into output: String) throws(InputFailure) -> BatchRunner.Report {
        let fm = FileManager.default
        var identity: BatchIdentity?
        for folder in folders {
            let at = SourceLocation(file: folder, line: 0, column: 0)
            guard case .batch(let found) = try BatchFolder(folder).state() else {
                throw InputFailure(.badInput, "not a batch folder (no batch.json)", at: at)
            }
            guard let found else {
                throw InputFailure(.badInput, "batch.json is unreadable or from another version of prognos", at: at)
            }
            if let identity {
                let changes = BatchIdentity.inputChanges(before: identity.inputs, now: found.inputs)
                if !changes.isEmpty {
                    throw InputFailure(.badInput, changes.map {
                        Diagnostic(.error, "\($0.file): \(describe($0.how)) compared with \(folders[0]) (an input changed between the shards' runs)", at: at)
                    })
                }
                if !identity.sameRuns(as: found) {
                    throw InputFailure(.badInput, "is from a different batch than \(folders[0]) (manifest, --set, columns or --csv-dialect differ)", at: at)
                }
            }
            identity = identity ?? found
        }
        guard let identity else { throw InputFailure(.badInput, "no folders to merge") }

        // The output: not one of the folders merged, and new, empty or this batch.
        let outAt = SourceLocation(file: output, line: 0, column: 0)
        if let target = fileID(output), folders.contains(where: { fileID($0) == target }) {
            throw InputFailure(.usage, "the merged folder is one of the folders being merged: give another --output", at: outAt)
        }
        switch try BatchFolder(output).state() {
        case .empty: break
        case .batch(let old) where old == identity: break
        case .batch:
            throw InputFailure(.usage, "holds another batch: merge writes only into a new or empty folder, or one of the same batch", at: outAt)
        case .foreign(let entries):
            throw InputFailure(.usage, "not empty and not a batch folder (\(holding(entries))): merge writes only into a new or empty folder, or one of the same batch", at: outAt)
        }

        // Every run: complete and intact in some folder, from the same inputs as the others.
        var sources: [(folder: BatchFolder, record: RunRecord)] = []
        sources.reserveCapacity(identity.runs)
        var missing: [String] = []
        var diagnostics: [Diagnostic] = []
        var seen: [String: (sum: String, folder: String, id: String)] = [:]
        for i in 0..<identity.runs {
            let id = identity.runID(i)
            var found: (BatchFolder, RunRecord)?
            var damage: (String, String)?
            for folder in folders {
                switch BatchFolder(folder).verify(id: id) {
                case .complete(let record): found = (BatchFolder(folder), record)
                case .damaged(let reason): damage = damage ?? (folder, reason)
                case .incomplete: break
                }
                if found != nil { break }
            }
            guard let found else {
                if let damage {
                    let (folder, reason) = damage
                    diagnostics.append(Diagnostic(.error, "run \(id) is damaged (\(reason)): run `prognos batch --resume` on this folder",
                                                  at: SourceLocation(file: folder, line: 0, column: 0)))
                } else {
                    missing.append(id)
                }
                continue
            }
            let (folder, record) = found
            for (file, sum) in record.inputs.sorted(by: { $0.key < $1.key }) {
                if let first = seen[file] {
                    if first.sum != sum && diagnostics.count < 20 {
                        diagnostics.append(Diagnostic(.error, "\(file): content changed between run \(first.id) (in \(first.folder)) and run \(id) (an input changed between the shards' runs)",
                                                      at: SourceLocation(file: folder.path, line: 0, column: 0)))
                    }
                } else {
                    seen[file] = (sum, folder.path, id)
                }
            }
            sources.append((folder, record))
        }
        if !diagnostics.isEmpty { throw InputFailure(.badInput, diagnostics) }
        if !missing.isEmpty {
            throw InputFailure(.badInput, "runs \(missing.prefix(5).joined(separator: ", "))\(missing.count > 5 ? ", …" : "") are in none of the folders: a shard is missing or unfinished")
        }

        // Built beside the output, then renamed into place.
        let parent = (output as NSString).deletingLastPathComponent.isEmpty ? "." : (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let temporary = BatchFolder((parent as NSString).appendingPathComponent(".\(name).\(pid).tmp"))
        do {
            try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
            if fm.fileExists(atPath: temporary.path) { try fm.removeItem(atPath: temporary.path) }
        } catch {
            throw InputFailure(.cannotWriteOutput, "cannot create \(temporary.path): \(plainReason(error))")
        }
        do throws(InputFailure) {
            try temporary.createSubfolders()
            for (i, source) in sources.enumerated() {
                let id = identity.runID(i)
                for (file, sum) in source.record.files.sorted(by: { $0.key < $1.key }) {
                    // Read again and checked again: the bytes copied are the bytes verified.
                    guard let data = fm.contents(atPath: source.folder.file(file)), Checksum.sha256(data) == sum else {
                        throw InputFailure(.badInput, "\(file) changed while it was merged",
                                           at: SourceLocation(file: source.folder.path, line: 0, column: 0))
                    }
                    try OutputFile.write(data, to: temporary.file(file), durable: false)   // synced by assemble
                }
                try temporary.write(record: source.record, id: id)
            }
            try temporary.write(identity: identity)
            let report = try temporary.assemble(identity: identity, runs: Array(0..<identity.runs))
            try replace(output, with: temporary.path)
            return report
        } catch {
            try? fm.removeItem(atPath: temporary.path)
            throw error
        }
    }

    /// "content changed" as seen from one shard against another.
    private static func describe(_ how: String) -> String {
        how == "content changed" ? "content differs" : how == "file added" ? "read by this shard only" : "not read by this shard"
    }

    /// Device and inode of an existing path (symbolic links followed).
    static func fileID(_ path: String) -> [UInt64]? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return [UInt64(st.st_dev), UInt64(st.st_ino)]
    }

    /// Puts the folder `built` at `path`: a rename, the old folder (empty or the same batch)
    /// moved aside first and removed after.
    static func replace(_ path: String, with built: String) throws(InputFailure) {
        let fm = FileManager.default
        let aside = (((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent) as NSString)
            .appendingPathComponent(".\((path as NSString).lastPathComponent).old.\(ProcessInfo.processInfo.processIdentifier).tmp")
        let exists = fm.fileExists(atPath: path)
        if exists, rename(path, aside) != 0 {
            throw InputFailure(.cannotWriteOutput, "cannot replace \(path): \(String(cString: strerror(errno)))")
        }
        guard rename(built, path) == 0 else {
            let reason = String(cString: strerror(errno))
            if exists { _ = rename(aside, path) }
            throw InputFailure(.cannotWriteOutput, "cannot write \(path): \(reason)")
        }
        if exists { try? fm.removeItem(atPath: aside) }
    }
}
