import CrosslinkCore
import CrosslinkGenerator
import CrosslinkManifests
import CrosslinkStore

#if canImport(Glibc)
    import Glibc
#endif

/// The figures for one estate size (medians over the repetitions).
struct BenchmarkRow {
    var clusters = 0
    var services = 0
    var imports = 0
    var rows = 0
    var applySeconds = 0.0
    var rawInsertSeconds = 0.0
    var reconcileSeconds = 0.0
    var reconcileFloorSeconds = 0.0
    var routes = 0
    var incrementalPeeringSeconds = 0.0
    var incrementalPeeringRecomputed = 0
    var incrementalPeeringRows = 0
    var incrementalServiceSeconds = 0.0
    var incrementalServiceRecomputed = 0
    var incrementalServiceRows = 0
    var coldCheckMilliseconds = 0.0
    var checkP50Milliseconds = 0.0
    var checkP99Milliseconds = 0.0
    var manifestDocuments = 0
    var manifestSeconds = 0.0
    var peakRSSMiB = 0.0
    var reconcileProcessRSSMiB = 0.0

    var applyRatio: Double { rawInsertSeconds > 0 ? (Double(rows) / applySeconds) / (Double(rows) / rawInsertSeconds) : 0 }
    var reconcileRatio: Double { reconcileFloorSeconds > 0 ? reconcileSeconds / reconcileFloorSeconds : 0 }
    var incrementalShare: Double { reconcileSeconds > 0 ? max(incrementalPeeringSeconds, incrementalServiceSeconds) / reconcileSeconds : 0 }

    var table: String {
        func f(_ value: Double, _ digits: Int = 3) -> String {
            var text = String(value)
            if let dot = text.firstIndex(of: ".") {
                text = String(text.prefix(upTo: text.index(dot, offsetBy: min(digits + 1, text.distance(from: dot, to: text.endIndex)))))
            }
            return text
        }
        return """
            == \(clusters) clusters: \(services) services, \(imports) imports, \(rows) rows, \(routes) routes
            apply                      \(f(applySeconds)) s  (\(Int(Double(rows) / max(applySeconds, 1e-9))) rows/s; raw insert \(Int(Double(rows) / max(rawInsertSeconds, 1e-9))) rows/s; ratio \(f(applyRatio)))
            full reconcile             \(f(reconcileSeconds)) s  (raw floor \(f(reconcileFloorSeconds)) s; ratio \(f(reconcileRatio)))
            incremental: peering down  \(f(incrementalPeeringSeconds)) s  (\(incrementalPeeringRecomputed) routes recomputed, \(incrementalPeeringRows) rows written)
            incremental: service added \(f(incrementalServiceSeconds)) s  (\(incrementalServiceRecomputed) routes recomputed, \(incrementalServiceRows) rows written)
            route check                cold \(f(coldCheckMilliseconds, 1)) ms; in-process p50 \(f(checkP50Milliseconds, 2)) ms, p99 \(f(checkP99Milliseconds, 2)) ms
            manifests                  \(manifestDocuments) documents in \(f(manifestSeconds)) s (\(Int(Double(manifestDocuments) / max(manifestSeconds, 1e-9))) documents/s)
            peak RSS                   \(f(peakRSSMiB, 1)) MiB (benchmark process); `crosslink reconcile --full` process \(f(reconcileProcessRSSMiB, 1)) MiB
            """
    }

    var json: String {
        """
        {"clusters": \(clusters), "services": \(services), "imports": \(imports), "rows": \(rows), "routes": \(routes), \
        "applySeconds": \(applySeconds), "rawInsertSeconds": \(rawInsertSeconds), "applyRatio": \(applyRatio), \
        "reconcileSeconds": \(reconcileSeconds), "reconcileFloorSeconds": \(reconcileFloorSeconds), "reconcileRatio": \(reconcileRatio), \
        "incrementalPeeringSeconds": \(incrementalPeeringSeconds), "incrementalPeeringRecomputed": \(incrementalPeeringRecomputed), \
        "incrementalPeeringRows": \(incrementalPeeringRows), "incrementalServiceSeconds": \(incrementalServiceSeconds), \
        "incrementalServiceRecomputed": \(incrementalServiceRecomputed), "incrementalServiceRows": \(incrementalServiceRows), \
        "coldCheckMilliseconds": \(coldCheckMilliseconds), "checkP50Milliseconds": \(checkP50Milliseconds), \
        "checkP99Milliseconds": \(checkP99Milliseconds), "manifestDocuments": \(manifestDocuments), \
        "manifestSeconds": \(manifestSeconds), "peakRSSMiB": \(peakRSSMiB), "reconcileProcessRSSMiB": \(reconcileProcessRSSMiB)}
        """
    }

    var summary: String {
        "N=\(clusters): apply \(String(format3(applyRatio)))x raw, reconcile \(format3(reconcileRatio))x floor, incremental \(format3(incrementalShare * 100))% of full, cold check \(format3(coldCheckMilliseconds)) ms, RSS \(Int(peakRSSMiB)) MiB (reconcile process \(Int(reconcileProcessRSSMiB)) MiB)"
    }
}

func format3(_ value: Double) -> String {
    let scaled = (value * 1000).rounded() / 1000
    return String(scaled)
}
