import Foundation

/// Summary JSON exactly as the wire contract (spec §5.1) writes it, with hooks to break one field.
enum SummaryFixtures {
    static func item(id: UUID = UUID(), second: Int = 0, warmth: Double = 0.6, clarity: Double = 0.7) -> [String: Any] {
        [
            "id": id.uuidString.lowercased(),
            "recorded_at": String(format: "2026-11-26T12:%02d:%02d.000Z", (second / 60) % 60, second % 60),
            "anima": ["warmth": warmth, "clarity": clarity, "stability": 0.8, "presence": 0.9],
            "eisv": ["E": warmth, "I": clarity, "S": 0.2, "V": 0.03],
            "drawing": [
                "era": "gestural", "arc_phase": "developing", "marks": 12, "pixels": 340, "E": 0.6, "I": 0.5, "S": 0.3, "V": 0.1,
                "C": 0.55, "curiosity": 0.4, "engagement": 0.6, "fatigue": 0.2, "drawings_completed": 3,
            ],
            "identity": ["awakenings": 5, "alive_seconds": 3600.5],
        ]
    }

    static func batch(_ items: [[String: Any]]) -> Data {
        (try? JSONSerialization.data(withJSONObject: ["schema": 1, "summaries": items])) ?? Data()
    }

    static func batch(count: Int, start: Int = 0) -> (Data, [UUID]) {
        let ids = (0..<count).map { _ in UUID() }
        return (batch(ids.enumerated().map { item(id: $1, second: start + $0) }), ids)
    }
}
