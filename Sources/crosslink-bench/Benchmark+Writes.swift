import CrosslinkGenerator

/// The `writes` phase (issue 13): one registration write or `show` as a whole process on a large
/// estate — a copy of `--database FILE` when given (an estate applied and reconciled beforehand, so
/// no minutes go to building one), else one made as the everyday phase makes it. Each repetition
/// writes a new object, so every run is a real write, never an "unchanged" re-add.
struct WritesBenchmark {
    let clusters: Int
    let options: Options

    func run() -> [EverydayFigure] {
        let directory = scratchDirectory()
        defer { removeTree(directory) }
        let database = "\(directory)/writes.db"
        let binary = options.binary
        if let source = options.databasePath {
            runProcess(["/bin/cp", source, database])
        } else {
            let estate = "\(directory)/estate.yaml"
            runProcess([binary, "generate", "--clusters", String(clusters), "--seed", "1"], output: estate)
            runProcess([binary, "apply", "-f", estate, "--db", database])
            runProcess([binary, "reconcile", "--db", database])
        }
        let owner = EstateGenerator.clusterName(0), consumer = EstateGenerator.clusterName(1 % clusters)
        let middle = EstateGenerator.clusterName(clusters / 2)
        // Spokes are disjoint /24s: any two can peer, and the generator peers each only with its hub.
        let spoke = { (index: Int) in "vnet-spoke-\(index % clusters)" }
        let odd = { (repetition: Int) in (1001 + 4 * repetition) % clusters | 1 }
        let subnet = { (index: Int) in "10.\(index / 256 % 256).\(index % 256).64/26" }
        let steps: [(String, (Int) -> [String])] = [
            ("service add", { ["service", "add", "\(owner)/bench/svc-\($0)", "--ports", "80"] }),
            ("import add", { ["import", "add", "\(consumer)/bench", "\(owner)/bench/svc-\($0)"] }),
            ("peering add", { ["peering", "add", spoke(2 * $0 + 1), spoke(2 * $0 + 2)] }),
            ("service set", { ["service", "set", "\(owner)/bench/svc-\($0)", "--ports", "8080"] }),
            ("peering set", { ["peering", "set", spoke(2 * $0 + 1), spoke(2 * $0 + 2), "--state", "initiated"] }),
            ("import remove", { ["import", "remove", "\(consumer)/bench", "\(owner)/bench/svc-\($0)"] }),
            ("service remove", { ["service", "remove", "\(owner)/bench/svc-\($0)"] }),
            ("peering remove", { ["peering", "remove", spoke(2 * $0 + 1), spoke(2 * $0 + 2)] }),
            ("cluster show X", { _ in ["cluster", "show", middle] }),
            ("service show X", { _ in ["service", "show", "\(middle)/ns-0/svc-0"] }),
            // The underlay kinds (issue 13, fifth session), in spokes past 10.0.x (the default service
            // range) with no borrowed gateway (odd), each repetition its own.
            (
                "cluster add",
                { ["cluster", "add", "aks-bench-\($0)", "--vnet", spoke(odd($0)), "--node-subnet", subnet(odd($0)), "--network-plugin", "azure-cni"] }
            ),
            ("cluster set", { ["cluster", "set", "aks-bench-\($0)", "--egress", "none"] }),
            ("tunnel add", { ["tunnel", "add", "aks-bench-\($0)", EstateGenerator.clusterName(odd($0) % clusters)] }),
            ("vpn-gateway add", { ["vpn-gateway", "add", "gw-bench-a-\($0)", "--vnet", spoke(odd($0)), "--bgp-asn", "65500"] }),
            ("vpn-gateway add 2", { ["vpn-gateway", "add", "gw-bench-b-\($0)", "--vnet", spoke(odd($0) + 2), "--bgp-asn", "65501"] }),
            ("vpn-connection add", { ["vpn-connection", "add", "gw-bench-a-\($0)", "gw-bench-b-\($0)", "--bgp"] }),
            ("vpn-connection set", { ["vpn-connection", "set", "gw-bench-a-\($0)", "gw-bench-b-\($0)", "--state", "connecting"] }),
            ("vpn-connection remove", { ["vpn-connection", "remove", "gw-bench-a-\($0)", "gw-bench-b-\($0)"] }),
            ("vpn-gateway remove", { ["vpn-gateway", "remove", "gw-bench-a-\($0)"] }),
            ("tunnel remove", { ["tunnel", "remove", "aks-bench-\($0)", EstateGenerator.clusterName(odd($0) % clusters)] }),
            ("cluster remove", { ["cluster", "remove", "aks-bench-\($0)"] }),
            // VNets and traffic controls move every answer (a full reconcile is then due, and later
            // writes record no impact): last.
            ("vnet add", { ["vnet", "add", "vnet-bench-\($0)", "--region", "westeurope", "--address-space", "172.20.\($0).0/24"] }),
            ("vnet set", { ["vnet", "set", "vnet-bench-\($0)", "--address-space", "172.20.\($0).0/24", "--address-space", "172.21.\($0).0/24"] }),
            ("route-table add", { ["route-table", "add", "rt-bench-\($0)", "--vnet", "vnet-bench-\($0)", "--subnets", "172.20.\($0).0/26"] }),
            ("firewall add", { ["firewall", "add", "fw-bench-\($0)", "--vnet", "vnet-bench-\($0)", "--private-ip", "172.20.\($0).68"] }),
            ("security-group add", { ["security-group", "add", "sg-bench-\($0)", "--vnet", "vnet-bench-\($0)", "--subnets", "172.20.\($0).0/26"] }),
            ("vnet remove --cascade", { ["vnet", "remove", "vnet-bench-\($0)", "--cascade"] }),
        ]
        return steps.map { name, arguments in
            var figure = EverydayFigure(name: name)
            var times: [Double] = []
            for repetition in 0..<options.repetitions {
                var result: (status: Int32, rssMiB: Double) = (0, 0)
                times.append(time { result = timedProcess([binary] + arguments(repetition) + ["--db", database], scratch: directory) } * 1000)
                figure.peakRSSMiB = max(figure.peakRSSMiB, result.rssMiB)
                if result.status != 0 { figure.failures += 1 }
            }
            figure.milliseconds = median(times)
            return figure
        }
    }
}
