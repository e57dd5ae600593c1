import AnimaHAL

/// Every failure of the display layer, naming the field, file or device and what to do.
public enum DisplayError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A panel configuration value is unusable.
    case invalidConfiguration(field: String, detail: String)
    /// The hardware below failed.
    case hardware(HALError)
    /// A file could not be read or written.
    case file(path: String, operation: String, errno: Int32)
    /// A trace file is not a trace or ends inside a record.
    case malformedTrace(path: String, offset: Int, detail: String)
    /// An image handed to the display has the wrong size.
    case sizeMismatch(expected: String, got: String)
    /// A transport was named that does not exist (`--transport`).
    case unknownTransport(String)

    public var description: String {
        switch self {
        case let .invalidConfiguration(field, detail):
            return "display configuration field '\(field)': \(detail)."
        case let .hardware(error):
            return error.description
        case let .file(path, operation, errno):
            return "\(operation) \(path) failed: \(String(cString: strerror(errno))) (errno \(errno)). Check the path and its permissions."
        case let .malformedTrace(path, offset, detail):
            return "\(path) at byte \(offset): \(detail). A trace starts with 'ANMTRC01' followed by tag·u32 length·payload records."
        case let .sizeMismatch(expected, got):
            return "image is \(got) but the display's framebuffer is \(expected); draw at the logical (rotated) size."
        case let .unknownTransport(text):
            return "unknown display transport '\(text)'; use trace:PATH, virtual, simulator or simulator:DIR."
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
