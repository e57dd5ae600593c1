import Foundation
import GovernanceCore

/// What a 4xx answer (other than 401/403/408/429) means, read from its body. Only the governance host's own JSON error
/// (`{"error": "…", "field": "…"}`, docs/bridge.md) naming the item can set a summary or drawing aside: anything else
/// that answers 4xx — a proxy's or another server's HTML 400/404 on the wrong port or path, a JSON body that is not
/// the host's error — says nothing about the item and is a failed send with backoff, the rows kept.
enum HostRefusal: Equatable {
    /// The host named one item (`summaries[index]…`, or a drawing's header/body) as refused.
    case named(index: Int, BridgeErrorBody)
    /// The host's error, about the request as a whole (no item named).
    case unnamed(BridgeErrorBody)
    /// The host says the item is dated in the future: the device's clock is (or was) ahead. Never the item's fault.
    case clockAhead(BridgeErrorBody)
    /// Not the host's error format at all.
    case notTheHost

    /// A 4xx to a summary batch of `count`.
    static func summaries(_ response: HTTPResponse, count: Int) -> HostRefusal {
        guard let body = errorBody(response) else { return .notTheHost }
        guard let field = body.field else { return .unnamed(body) }
        if field.hasSuffix(".recorded_at"), body.error.contains("in the future") { return .clockAhead(body) }
        guard let index = summaryIndex(field), index < count else { return .unnamed(body) }
        return .named(index: index, body)
    }

    /// A 4xx to a drawing upload: the host names the header or the body it refuses.
    static func drawing(_ response: HTTPResponse) -> HostRefusal {
        guard let body = errorBody(response) else { return .notTheHost }
        guard let field = body.field, !field.isEmpty else { return .unnamed(body) }
        if field.lowercased() == "x-drawing-finished-at", body.error.contains("in the future") { return .clockAhead(body) }
        return .named(index: 0, body)
    }

    /// N of a field `summaries[N]` or `summaries[N].…`.
    static func summaryIndex(_ field: String) -> Int? {
        guard field.hasPrefix("summaries["), let close = field.firstIndex(of: "]") else { return nil }
        let digits = field[field.index(field.startIndex, offsetBy: "summaries[".count)..<close]
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let index = Int(digits), index >= 0 else { return nil }
        let rest = field[field.index(after: close)...]
        return rest.isEmpty || rest.hasPrefix(".") ? index : nil
    }

    /// The host's error body, its texts capped (they end up in anima.db's quarantine and in `anima status`); nil when
    /// the body is not a JSON object with an `error` string.
    static func errorBody(_ response: HTTPResponse) -> BridgeErrorBody? {
        guard let body = try? JSONDecoder().decode(BridgeErrorBody.self, from: Data(response.body)) else { return nil }
        return BridgeErrorBody(error: HostText.capped(body.error), field: body.field.map(HostText.capped))
    }
}
