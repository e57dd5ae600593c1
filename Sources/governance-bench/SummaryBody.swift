import Foundation

/// Wire-format batches for the bench, written as text directly (fresh uuids, increasing UTC times).
enum SummaryBody {
    /// Summary times count from here: far enough in the past that every offset the benchmarks use (up to ~100 days)
    /// stays before now, which the host requires.
    static let origin = Date().timeIntervalSince1970 - 200 * 86_400

    static func batch(count: Int, firstSecond: Int) -> [UInt8] {
        var text = "{\"schema\":1,\"summaries\":["
        for index in 0..<count {
            if index > 0 { text += "," }
            let date = Date(timeIntervalSince1970: origin + Double(firstSecond + index))
            let time = date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
            text += """
                {"id":"\(UUID().uuidString.lowercased())","recorded_at":"\(time)",\
                "anima":{"warmth":0.61,"clarity":0.72,"stability":0.8,"presence":0.9},\
                "eisv":{"E":0.61,"I":0.72,"S":0.2,"V":0.03},\
                "drawing":{"era":"gestural","arc_phase":"developing","marks":12,"pixels":340,"E":0.6,"I":0.5,"S":0.3,"V":0.1,\
                "C":0.55,"curiosity":0.4,"engagement":0.6,"fatigue":0.2,"drawings_completed":3},\
                "identity":{"awakenings":5,"alive_seconds":3600.5}}
                """
        }
        return Array((text + "]}").utf8)
    }
}
