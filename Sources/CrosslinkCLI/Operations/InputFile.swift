import CrosslinkCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a whole input file (or standard input for `-`) as UTF-8 text.
enum InputFile {
    /// Larger inputs are refused rather than read into memory: no real estate comes near this.
    static let maximumBytes = 1 << 30

    static func read(_ path: String) throws -> String {
        let descriptor = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CrosslinkError(.io, "cannot read \(path.quoted): \(String(cString: strerror(errno)))")
        }
        defer { if descriptor != 0 { close(descriptor) } }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CrosslinkError(.io, "cannot read \(path.quoted): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > maximumBytes {
                throw CrosslinkError(.io, "\(path.quoted) is larger than \(maximumBytes >> 20) MiB; refusing to read it")
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CrosslinkError(.malformedFile, "\(path == "-" ? "<stdin>" : path): not UTF-8 text")
        }
        return text
    }
}
