@testable import GovernanceCore

/// A valid summary JSON object with every field, for validation tests to break one field at a time.
let validSummaryJSON = """
    {"id":"0f8fad5b-d9cb-469f-a165-70867728950e","recorded_at":"2026-11-26T15:00:00.250Z",\
    "anima":{"warmth":0.5,"clarity":0.6,"stability":0.7,"presence":0.8},\
    "eisv":{"E":0.5,"I":0.6,"S":0.3,"V":0.06},\
    "drawing":{"era":"gestural","arc_phase":"developing","marks":120,"pixels":3400,"E":0.4,"I":0.5,"S":0.2,"V":-0.1,\
    "C":0.45,"curiosity":0.9,"engagement":0.5,"fatigue":0.1,"drawings_completed":3},\
    "identity":{"awakenings":7,"alive_seconds":86400.5}}
    """

/// A batch body holding `items` (each a summary JSON object text).
func batchBody(_ items: [String], schema: String = "1") -> [UInt8] {
    Array("{\"schema\":\(schema),\"summaries\":[\(items.joined(separator: ","))]}".utf8)
}

/// The valid summary with `old` replaced by `new` (exactly one occurrence expected).
func summaryReplacing(_ old: String, with new: String) -> String {
    validSummaryJSON.replacingOccurrences(of: old, with: new)
}

/// A summary with a fresh id derived from `n` so batches of many items carry distinct ids.
func summaryNumbered(_ n: Int) -> String {
    let hex = String(n, radix: 16)
    let suffix = String(repeating: "0", count: 12 - hex.count) + hex
    return summaryReplacing("70867728950e", with: suffix)
}
