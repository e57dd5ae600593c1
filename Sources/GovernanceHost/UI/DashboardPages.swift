import Foundation

/// The dashboard's pages as HTML strings. Every stored string is escaped; numbers are formatted here.
enum DashboardPages {
    static let refreshSeconds = 30

    static func fleet(agents: [AgentOverview], sparklines: [String: [(x: Double, y: Double)]], latest: [String: DrawingRecord]) -> String {
        var rows = ""
        rows.reserveCapacity(agents.count * 1200)
        for agent in agents {
            let spark = SVGLineChart(
                title: "anima of \(agent.label)", width: 120, height: 28,
                series: [.init(name: "anima", colour: "#3a6ea5", points: sparklines[agent.id] ?? [])], yRange: 0...1, compact: true
            ).render()
            let thumb = latest[agent.id].map {
                "<a href=\"/ui/drawings/\($0.sha256)\"><img class=\"thumb\" alt=\"latest drawing\" src=\"/ui/drawings/\($0.sha256).png\"></a>"
            } ?? "<span class=\"muted\">none</span>"
            let action = agent.action ?? ""
            rows += "<tr><td>\(HTML.link("/ui/agents/\(agent.id)", agent.label))</td>"
                + "<td>\(HTML.escape(agent.lastSeen ?? "never"))</td>"
                + "<td class=\"\(action == "pause" ? "pause" : "proceed")\">\(HTML.escape(agent.verdict ?? "—")) · \(HTML.escape(action))</td>"
                + "<td>\(HTML.escape(agent.margin ?? "—"))</td><td>\(agent.summaries)</td><td>\(spark)</td><td>\(thumb)</td></tr>"
        }
        let table = agents.isEmpty
            ? "<p class=\"muted\">No agents yet: create one with <code>governance-host agents create --label NAME</code>.</p>"
            : "<table><thead><tr><th>Agent</th><th>Last seen (UTC)</th><th>Verdict</th><th>Margin</th><th>Summaries</th>"
                + "<th>Anima</th><th>Latest drawing</th></tr></thead><tbody>\(rows)</tbody></table>"
        return HTML.page(title: "Fleet", refreshSeconds: refreshSeconds, body: "<p>\(agents.count) agents</p>" + table)
    }

    static let windows: [(name: String, seconds: Int)] = [("1h", 3600), ("6h", 6 * 3600), ("24h", 86_400), ("7d", 7 * 86_400)]

    static func agent(
        _ agent: AgentOverview, window: String, states: [(t: Double, record: AgentStateRecord)], anima: [[(x: Double, y: Double)]],
        drawings: [DrawingRecord], audit: [(ts: String, type: String, payload: String)]
    ) -> String {
        let nav = windows.map { HTML.link("/ui/agents/\(agent.id)?window=\($0.name)", $0.name) }.joined()
        let eisv = SVGLineChart(
            title: "EISV of \(agent.label)",
            series: [
                .init(name: "E", colour: "#c0392b", points: states.map { ($0.t, $0.record.E) }),
                .init(name: "I", colour: "#2e86c1", points: states.map { ($0.t, $0.record.I) }),
                .init(name: "S", colour: "#7d3c98", points: states.map { ($0.t, $0.record.S) }),
                .init(name: "V", colour: "#229954", points: states.map { ($0.t, $0.record.V) }),
            ]).render()
        let names = ["warmth", "clarity", "stability", "presence"]
        let colours = ["#e67e22", "#3498db", "#16a085", "#8e44ad"]
        let animaChart = SVGLineChart(
            title: "anima of \(agent.label)",
            series: (0..<4).map { .init(name: names[$0], colour: colours[$0], points: anima.indices.contains($0) ? anima[$0] : []) },
            yRange: 0...1
        ).render()
        var timeline = ""
        var previous: String?
        for state in states.reversed() {
            let key = state.record.action + state.record.verdict + state.record.margin
            if key == previous { continue }
            previous = key
            timeline += "<tr><td>\(HTML.escape(state.record.recordedAt))</td>"
                + "<td class=\"\(state.record.action == "pause" ? "pause" : "proceed")\">\(HTML.escape(state.record.action))</td>"
                + "<td>\(HTML.escape(state.record.verdict))</td><td>\(HTML.escape(state.record.margin))</td><td>\(HTML.escape(state.record.reason))</td></tr>"
            if timeline.count > 40_000 { break }
        }
        let gallery = drawings.map { drawing in
            "<figure><a href=\"/ui/drawings/\(drawing.sha256)\"><img class=\"drawing\" alt=\"drawing \(HTML.escape(drawing.era))\" "
                + "width=\"160\" src=\"/ui/drawings/\(drawing.sha256).png\"></a>"
                + "<figcaption>\(HTML.escape(drawing.era)) · \(drawing.marks) marks · \(HTML.escape(drawing.finishedAt))</figcaption></figure>"
        }.joined()
        let events = audit.map {
            "<tr><td>\(HTML.escape($0.ts))</td><td>\(HTML.escape($0.type))</td><td><code>\(HTML.escape($0.payload))</code></td></tr>"
        }.joined()
        let body = """
            <p>Verdict: <strong>\(HTML.escape(agent.verdict ?? "—"))</strong> · \(HTML.escape(agent.action ?? "")) · margin \(HTML.escape(agent.margin ?? "—")) · last seen \(HTML.escape(agent.lastSeen ?? "never")) · \(agent.summaries) summaries</p>
            <nav class="window">Window: \(nav) <span class="muted">(showing \(HTML.escape(window)))</span></nav>
            <div class="charts">\(eisv)\(animaChart)</div>
            <h2>Verdict timeline</h2>
            \(timeline.isEmpty ? "<p class=\"muted\">No verdicts in this window.</p>" : "<table><thead><tr><th>At (UTC)</th><th>Action</th><th>Verdict</th><th>Margin</th><th>Reason</th></tr></thead><tbody>\(timeline)</tbody></table>")
            <h2>Drawings</h2>
            \(gallery.isEmpty ? "<p class=\"muted\">No drawings uploaded yet.</p>" : "<div class=\"gallery\">\(gallery)</div>")
            <h2>Recent audit events</h2>
            <table><tbody>\(events)</tbody></table>
            """
        return HTML.page(title: agent.label, refreshSeconds: refreshSeconds, body: body)
    }

    static func drawing(_ drawing: DrawingRecord, label: String) -> String {
        let body = """
            <p>\(HTML.link("/ui/agents/\(drawing.agentID)", label)) · \(HTML.escape(drawing.era)) · \(drawing.marks) marks · \(drawing.pixels) pixels · \
            ended by \(HTML.escape(drawing.completion)) · finished \(HTML.escape(drawing.finishedAt)) · \(drawing.width)×\(drawing.height), \(drawing.bytes) bytes</p>
            <img class="drawing" alt="drawing" width="\(max(drawing.width, 240))" src="/ui/drawings/\(drawing.sha256).png">
            """
        return HTML.page(title: "Drawing \(drawing.sha256.prefix(12))", refreshSeconds: 0, body: body)
    }

    static func signIn(_ message: String) -> String {
        HTML.page(
            title: "Sign in", refreshSeconds: 0,
            body: "<p>\(HTML.escape(message))</p><p>On the host, run <code>governance-host dashboard-link</code> and open the URL it prints.</p>")
    }
}
