import AnimaBoards
import AnimaDisplay
import AnimaImage
import AnimaStore
import Foundation
import Testing

/// `anima run` as a user runs it: the built binary, a data directory, signals.
@Suite struct RunEndToEndTests {
    let anima = BuiltProduct.path("anima")

    /// The trace of a run, replayed into the virtual panel, is exactly the PNG the run wrote at exit.
    @Test func traceReplayEqualsSnapshot() throws {
        let directory = ProcessRunner.temporaryDirectory("run-trace")
        let trace = directory + "/bus.trace", snapshot = directory + "/out.png"
        let result = try ProcessRunner.run(anima, [
            "run", "--board", "adafruit-braincraft-hat", "--transport", "trace:\(trace)", "--marks", "500",
            "--snapshot", snapshot, "--clock-step", "1", "--seed", "7", "--data-dir", directory + "/data", "--anima", "0.41,0.82,0.89,0.83",
        ])
        #expect(result.status == 0, "\(result.output)")
        let board = try BoardCatalog(searchPath: BoardCatalog.standardSearchPath(boardsDirectory: nil), loader: .standard)
            .board(named: "adafruit-braincraft-hat")
        let configuration = try board.panelConfiguration(rotation: nil)
        let panel = makeVirtualPanel(for: configuration)
        // Replay through the last frame: after it the run puts the controller to sleep (a dark glass), by design.
        let records = try TraceFormat.read(path: trace)
        let lastFrame = try #require(records.lastIndex { if case .endFrame = $0 { return true } else { return false } })
        for record in records[...lastFrame] { try record.replay(into: panel) }
        let replayed = PNGEncoder.encode(panel.viewedImage(rotation: configuration.rotation, mirrored: configuration.mirrored))
        let written = try #require(FileManager.default.contents(atPath: snapshot))
        let identical = Array(written) == replayed
        #expect(identical, "the replayed trace (\(replayed.count) bytes of PNG) differs from --snapshot (\(written.count))")
        let status = try #require(statusJSON(directory + "/data"))
        #expect(status["marks"] as? Int ?? 0 > 0)
        #expect(records.count > 100, "the run drew: \(records.count) trace records")
    }

    /// The kernel path wired into the binary: a board without kernel in display.paths stops at once (78) naming the
    /// field; a "framebuffer" that is not one leaves the creature drawing with the ioctl failure in status.json.
    @Test func kernelDisplayPathInTheBinary() throws {
        let directory = ProcessRunner.temporaryDirectory("run-kernel-path")
        let oled = try ProcessRunner.run(anima, [
            "run", "--board", "generic-ssd1306-i2c", "--display-path", "kernel", "--data-dir", directory + "/oled", "--marks", "1",
        ])
        #expect(oled.status == 78, "\(oled.output)")
        #expect(oled.output.contains("generic-ssd1306-i2c.yaml: display.paths lists userspace only, but display_path is kernel (from flag --display-path)"))

        let notAFramebuffer = directory + "/fb1"
        try Data(count: 240 * 480).write(to: URL(fileURLWithPath: notAFramebuffer))
        let run = try ProcessRunner.run(anima, [
            "run", "--board", "adafruit-braincraft-hat", "--display-path", "kernel", "--framebuffer", notAFramebuffer,
            "--data-dir", directory + "/data", "--marks", "20", "--clock-step", "1", "--anima", "0.41,0.82,0.89,0.83",
        ])
        #expect(run.status == 0, "\(run.output)")
        let state = try #require(statusJSON(directory + "/data")?["display_state"] as? String)
        #expect(state.hasPrefix("failed: adafruit-braincraft-hat kernel path: display configuration field 'framebuffer': \(notAFramebuffer): "
            + "FBIOGET_VSCREENINFO/FBIOGET_FSCREENINFO failed"), "\(state)")
        #expect(FileManager.default.contents(atPath: notAFramebuffer) == Data(count: 240 * 480), "nothing written to a non-framebuffer")
    }

    /// SIGTERM mid-drawing: exit 0 within the bound; the next start resumes the canvas and counts an awakening.
    @Test func sigtermFlushesAndTheNextStartResumes() throws {
        let directory = ProcessRunner.temporaryDirectory("run-resume")
        let data = directory + "/data"
        let arguments = ["run", "--board", "simulator", "--data-dir", data, "--clock-step", "1", "--seed", "3",
                         "--anima", "0.41,0.82,0.89,0.83"]
        let first = try ProcessRunner.start("anima", arguments, log: directory + "/first.log")
        #expect(ProcessRunner.wait(seconds: 30) { (statusJSON(data)?["marks"] as? Int ?? 0) >= 40 })
        kill(first.processIdentifier, SIGTERM)
        let stopped = ProcessRunner.wait(seconds: 10) { !first.isRunning }
        #expect(stopped, "anima run did not exit within 10 s of SIGTERM")
        if !stopped { first.terminate() }
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)

        let saved = try #require(statusJSON(data))
        #expect(saved["running"] as? Bool == false)
        let pixelsAtStop = try #require(saved["pixels"] as? Int)
        let marksAtStop = try #require(saved["marks"] as? Int)
        let latest = try AnimaStore(path: data + "/anima.db").recentDrawingHistory(limit: 1).last
        #expect(latest?.snapshot.marks == marksAtStop / 10 * 10, "the last 10th mark before SIGTERM is in drawing_history")

        let second = try ProcessRunner.run(anima, arguments + ["--marks", "1"])
        #expect(second.status == 0, "\(second.output)")
        #expect(second.output.contains("resumed the canvas: \(pixelsAtStop) pixels, \(marksAtStop) marks"), "\(second.output)")
        #expect(second.output.contains("awakening 2"), "a restart after a clean sleep counts as an awakening: \(second.output)")
        let resumed = try #require(statusJSON(data))
        #expect((resumed["pixels"] as? Int ?? 0) >= pixelsAtStop)
    }

    /// A board whose display cannot open (no SPI here) keeps drawing and says why.
    @Test func displayFailureNeverStopsTheCreature() throws {
        let directory = ProcessRunner.temporaryDirectory("run-nodisplay")
        let result = try ProcessRunner.run(anima, [
            "run", "--board", "adafruit-braincraft-hat", "--transport", "hardware", "--marks", "30", "--clock-step", "1",
            "--data-dir", directory, "--anima", "0.41,0.82,0.89,0.83", "--seed", "1",
        ])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("/dev/spidev0.0"), "the log names the missing device: \(result.output)")
        let status = try #require(statusJSON(directory))
        #expect(status["marks"] as? Int == 30)
        #expect((status["display_state"] as? String ?? "").hasPrefix("failed"))
    }

    @Test func statusJSONHasTheDocumentedKeys() throws {
        let directory = ProcessRunner.temporaryDirectory("run-status")
        let result = try ProcessRunner.run(anima, ["run", "--data-dir", directory, "--marks", "5", "--clock-step", "1",
                                                   "--anima", "0.41,0.82,0.89,0.83"])
        #expect(result.status == 0, "\(result.output)")
        let printed = try ProcessRunner.run(anima, ["status", "--json", "--data-dir", directory])
        #expect(printed.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(printed.output.utf8)) as? [String: Any])
        for key in ["board", "era", "arc_phase", "marks", "outbox_depth", "summaries_created", "summaries_sent", "last_sync",
                    "display_state", "fps", "bytes_per_frame", "E", "I", "S", "V", "C", "last_recorder_commit"] {
            #expect(object.keys.contains(key), "missing \(key)")
        }
        // The outbox's policy is visible: refused summaries kept aside, oldest dropped first when full.
        #expect(object["outbox_quarantined"] as? Int == 0)
        #expect(object["outbox_dropped"] as? Int == 0)
        #expect(object["outbox_capacity"] as? Int == 20_000)
        let table = try ProcessRunner.run(anima, ["status", "--data-dir", directory])
        #expect(table.output.contains("board           simulator"))
        #expect(table.output.contains("0 summaries and 0 drawings refused by the host"))
        let missing = try ProcessRunner.run(anima, ["status", "--data-dir", directory + "/nope"])
        #expect(missing.status == 1)
        #expect(missing.output.contains("no status yet"))
    }

    /// Issue 12 item 10: status.json says `running: true` after a crash or kill -9; `anima status` said "running yes"
    /// for the dead pid.
    @Test func statusSaysNotRunningForADeadPid() throws {
        let directory = ProcessRunner.temporaryDirectory("run-dead-pid")
        let result = try ProcessRunner.run(anima, ["run", "--data-dir", directory, "--marks", "2", "--clock-step", "1",
                                                   "--anima", "0.41,0.82,0.89,0.83"])
        #expect(result.status == 0, "\(result.output)")
        let path = directory + "/status.json"
        var object = try #require(statusJSON(directory))
        object["running"] = true
        object["pid"] = Int(Int32.max - 1)  // no such process
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        let printed = try ProcessRunner.run(anima, ["status", "--json", "--data-dir", directory])
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(printed.output.utf8)) as? [String: Any])
        #expect(shown["running"] as? Bool == false, "\(printed.output)")
        let table = try ProcessRunner.run(anima, ["status", "--data-dir", directory])
        #expect(table.output.contains("running         no (last seen"), "\(table.output)")
    }

    /// status.json as a dictionary, nil while there is none (safe to poll).
    private func statusJSON(_ dataDirectory: String) -> [String: Any]? {
        guard let data = FileManager.default.contents(atPath: dataDirectory + "/status.json") else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}
