import Foundation

/// A drawing's metadata, sent as request headers next to the PNG body (so the body stays the exact bytes the hash
/// names): `X-Drawing-Era`, `X-Drawing-Marks`, `X-Drawing-Pixels`, `X-Drawing-Completion`, `X-Drawing-Finished-At`.
public struct DrawingMetadata: Sendable, Equatable {
    public var era: String
    public var marks: Int
    public var pixels: Int
    /// How the drawing ended (`closing`, `fatigue`, `time_limit`, … — the device's CompletionPath raw values).
    public var completion: String
    public var finishedAt: Date

    public init(era: String, marks: Int, pixels: Int, completion: String, finishedAt: Date) {
        self.era = era
        self.marks = marks
        self.pixels = pixels
        self.completion = completion
        self.finishedAt = finishedAt
    }

    public static let eraHeader = "X-Drawing-Era"
    public static let marksHeader = "X-Drawing-Marks"
    public static let pixelsHeader = "X-Drawing-Pixels"
    public static let completionHeader = "X-Drawing-Completion"
    public static let finishedAtHeader = "X-Drawing-Finished-At"

    /// Highest marks/pixels count accepted: far above any real drawing (a 240×240 canvas has 57,600 pixels).
    static let maxCount = 100_000_000
    static let maxLabelLength = 64

    /// The headers a device sends for this metadata.
    public var headers: [String: String] {
        [
            Self.eraHeader: era, Self.marksHeader: String(marks), Self.pixelsHeader: String(pixels),
            Self.completionHeader: completion, Self.finishedAtHeader: UTCTime.format(finishedAt),
        ]
    }

    /// Reads and checks each header; `header` returns a header's value or nil. The error names the header.
    static func parse(now: Date, _ header: (String) -> String?) throws(APIError) -> DrawingMetadata {
        func required(_ name: String) throws(APIError) -> String {
            guard let value = header(name), !value.isEmpty else {
                throw APIError(.badRequest, "missing header \(name)", field: name)
            }
            return value
        }
        func label(_ name: String) throws(APIError) -> String {
            let value = try required(name)
            guard value.count <= maxLabelLength,
                value.unicodeScalars.allSatisfy({ $0.properties.generalCategory != .control && $0 != "\u{FFFD}" })
            else {
                throw APIError(.badRequest, "\(name) must be at most \(maxLabelLength) printable characters (no control or NUL bytes)", field: name)
            }
            return value
        }
        func count(_ name: String) throws(APIError) -> Int {
            guard let value = Int(try required(name)), (0...maxCount).contains(value) else {
                throw APIError(.badRequest, "\(name) must be an integer from 0 to \(maxCount)", field: name)
            }
            return value
        }
        let era = try label(eraHeader)
        let marks = try count(marksHeader)
        let pixels = try count(pixelsHeader)
        let completion = try label(completionHeader)
        guard completion.allSatisfy({ ($0.isASCII && $0.isLetter && $0.isLowercase) || $0 == "_" }) else {
            throw APIError(.badRequest, "\(completionHeader) must be lower-case letters and underscores (e.g. time_limit)", field: completionHeader)
        }
        let finishedText = try required(finishedAtHeader)
        guard finishedText.hasSuffix("Z"), let finishedAt = UTCTime.parse(finishedText) else {
            throw APIError(.badRequest, "\(finishedAtHeader) must be an RFC 3339 UTC time ending in Z", field: finishedAtHeader)
        }
        // A device clock far ahead would sort its drawings above everything else forever; a day of skew is tolerated.
        guard finishedAt.timeIntervalSince(now) < 86_400, finishedAt.timeIntervalSince1970 > 0 else {
            throw APIError(.badRequest, "\(finishedAtHeader) \(finishedText) is more than a day in the future or before 1970", field: finishedAtHeader)
        }
        return DrawingMetadata(era: era, marks: marks, pixels: pixels, completion: completion, finishedAt: finishedAt)
    }
}
