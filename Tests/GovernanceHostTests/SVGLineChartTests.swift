import Testing

@testable import GovernanceHost

/// The server-side chart renderer: scaling into the plot area, empty data, non-finite values dropped, one point.
@Suite struct SVGLineChartTests {
    @Test func pointsAreScaledIntoThePlotArea() {
        let chart = SVGLineChart(
            title: "E", width: 100, height: 50, series: [.init(name: "E", colour: "#c00", points: [(0, 0), (10, 1)])], compact: true)
        // compact margins are 1 px: (0,0) → bottom-left (1,49), (10,1) → top-right (99,1).
        #expect(chart.render().contains("points=\"1,49 99,1\""))
    }

    @Test func emptyDataSaysSoInsteadOfDrawing() {
        let svg = SVGLineChart(title: "E", series: [.init(name: "E", colour: "#c00", points: [])]).render()
        #expect(svg.contains("no data"))
        #expect(!svg.contains("polyline"))
    }

    @Test func nanAndInfinityAreExcluded() {
        let chart = SVGLineChart(
            title: "E", width: 100, height: 50,
            series: [.init(name: "E", colour: "#c00", points: [(0, 0), (5, .nan), (6, .infinity), (.infinity, 3), (10, 1)])], compact: true)
        let svg = chart.render()
        #expect(svg.contains("points=\"1,49 99,1\""))
        #expect(!svg.lowercased().contains("nan"))
        #expect(!svg.lowercased().contains("inf"))
    }

    @Test func onePointIsACentredMarker() {
        let svg = SVGLineChart(title: "E", width: 100, height: 50, series: [.init(name: "E", colour: "#c00", points: [(7, 0.3)])], compact: true).render()
        #expect(svg.contains("<circle class=\"point\" cx=\"50\" cy=\"25\""))
    }

    @Test func aFixedRangeKeepsAFlatLineInPlace() {
        let chart = SVGLineChart(
            title: "anima", width: 100, height: 50, series: [.init(name: "a", colour: "#c00", points: [(0, 0.5), (10, 0.5)])],
            yRange: 0...1, compact: true)
        #expect(chart.render().contains("points=\"1,25 99,25\""))
    }

    @Test func titlesAndSeriesNamesAreEscaped() {
        let svg = SVGLineChart(title: "<script>", series: [.init(name: "a&b", colour: "#c00", points: [(0, 0), (1, 1)])]).render()
        #expect(svg.contains("&lt;script&gt;"))
        #expect(svg.contains("a&amp;b"))
        #expect(!svg.contains("<script>"))
    }
}

/// Every device- or operator-supplied string goes through HTML.escape before it reaches a page.
@Suite struct HTMLEscapeTests {
    @Test func markupQuotesAndControlsAreNeutralised() {
        #expect(HTML.escape("<img src=x onerror='a()'>\"&") == "&lt;img src=x onerror=&#39;a()&#39;&gt;&quot;&amp;")
        #expect(HTML.escape("a\u{0}b\u{7}c") == "a\u{FFFD}b\u{FFFD}c")
        #expect(HTML.escape("Lumen ☀︎") == "Lumen ☀︎")
    }
}
