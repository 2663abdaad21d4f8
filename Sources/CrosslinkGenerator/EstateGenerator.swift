import CrosslinkCore

/// Generates a realistic synthetic estate for demos, load tests and benchmarks, deterministic for a seed.
///
/// Shape: one hub VNet per region with a BGP VPN gateway, hubs joined in a ring of BGP VPN
/// connections; every cluster in its own spoke VNet peered to its region's hub (half of them using the
/// hub's gateway); CNIs mixed; clusters tunnelled in sets of four; a few meshes with east-west
/// gateways; one ingress per cluster; a tenth of the overlay clusters deliberately share the default
/// pod CIDR (so some tunnels need Globalnet), and some peerings are not connected.
package struct EstateGenerator: Sendable {
    package var clusters: Int
    package var servicesPerCluster: Int
    package var importsPerCluster: Int
    package var seed: UInt64
    /// Spec §8: a firewall in every regional hub, a route table and a security group on every spoke.
    package var trafficControls = false

    package static let regions = [
        "westeurope", "northeurope", "eastus", "eastus2", "westus2", "westus3", "centralus", "southcentralus",
        "uksouth", "francecentral", "germanywestcentral", "swedencentral", "japaneast", "australiaeast",
        "southeastasia", "canadacentral",
    ]

    /// Limits of the address plan: spokes are /24s of 10.0.0.0/9, overlay pods /24s of 10.128.0.0/10,
    /// service ranges /26s of 172.16.0.0/12.
    package static let maximumClusters = 16_384

    package init(clusters: Int, servicesPerCluster: Int = 5, importsPerCluster: Int = 10, seed: UInt64 = 1) throws {
        guard (1...Self.maximumClusters).contains(clusters) else {
            throw CrosslinkError(.invalidValue, "--clusters \(clusters) is out of range (1 to \(Self.maximumClusters))")
        }
        guard (1...200).contains(servicesPerCluster) else {
            throw CrosslinkError(.invalidValue, "--services-per-cluster \(servicesPerCluster) is out of range (1 to 200)")
        }
        guard (0...1_000).contains(importsPerCluster) else {
            throw CrosslinkError(.invalidValue, "--imports-per-cluster \(importsPerCluster) is out of range (0 to 1000)")
        }
        self.clusters = clusters
        self.servicesPerCluster = servicesPerCluster
        self.importsPerCluster = importsPerCluster
        self.seed = seed
    }

    var regionCount: Int { min(Self.regions.count, max(1, clusters / 50)) }

    /// The estate; always valid (`validate()` passes).
    package func topology() -> Topology {
        var random = SplitMix64(seed: seed)
        var topology = Topology()
        addHubs(to: &topology)
        for index in 0..<clusters { addCluster(index, to: &topology, random: &random) }
        addTunnelsAndMeshLinks(to: &topology)
        for index in 0..<clusters { addImports(of: index, to: &topology, random: &random) }
        if trafficControls { addTrafficControls(to: &topology) }
        return topology
    }

    static func address(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32) -> IPv4Address {
        IPv4Address(value: a << 24 | b << 16 | c << 8 | d)
    }

    static func cidr(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32, _ prefix: Int) -> CIDR {
        CIDR(containing: address(a, b, c, d), prefixLength: prefix)
    }

    package static func clusterName(_ index: Int) -> String { "aks-\(index)" }

    private func addHubs(to topology: inout Topology) {
        for region in 0..<regionCount {
            let name = "vnet-hub-\(region)"
            topology.vnets[name] = VNet(
                name: name, region: Self.regions[region],
                addressSpace: [Self.cidr(10, 255, UInt32(region), 0, 24)])
            let gateway = "gw-hub-\(region)"
            topology.vpnGateways[gateway] = VPNGateway(
                name: gateway, vnet: name, publicIP: Self.address(20, 200, UInt32(region), 1), bgpASN: 65_000 + UInt32(region))
        }
        // A ring of BGP connections makes every regional hub reach every other (transitively).
        if regionCount > 1 {
            for region in 0..<regionCount {
                let next = (region + 1) % regionCount
                if next == region || (regionCount == 2 && region == 1) { continue }
                let pair = UnorderedPair("gw-hub-\(region)", "gw-hub-\(next)")
                topology.vpnConnections[pair] = VPNConnection(gateways: pair, state: .connected, bgp: true)
            }
        }
    }

    private func addCluster(_ index: Int, to topology: inout Topology, random: inout SplitMix64) {
        let region = index % regionCount
        let (high, low) = (UInt32(index / 256), UInt32(index % 256))
        let vnet = "vnet-spoke-\(index)"
        let space = Self.cidr(10, high, low, 0, 24)
        topology.vnets[vnet] = VNet(name: vnet, region: Self.regions[region], addressSpace: [space])
        let hub = "vnet-hub-\(region)"
        let peering = UnorderedPair(vnet, hub)
        topology.peerings[peering] = Peering(
            vnets: peering, state: index % 25 == 24 ? .initiated : .connected, gatewayTransit: index % 2 == 0 ? hub : nil)

        let plugin: NetworkPlugin = [.azureCNI, .azureCNIOverlay, .kubenet][index % 3]
        let sharesDefaultPods = plugin != .azureCNI && index % 10 == 1
        let podCIDR: CIDR? =
            switch plugin {
            case .azureCNI: nil
            case .azureCNIOverlay, .kubenet:
                sharesDefaultPods ? Cluster.defaultOverlayPodCIDR : Self.cidr(10, 128 + high, low, 0, 24)
            }
        let serviceBlock = UInt32(index)  // /26 blocks of 172.16.0.0/12
        let serviceCIDR = Self.cidr(172, 16 + serviceBlock >> 10, serviceBlock >> 2 & 0xFF, (serviceBlock & 3) << 6, 26)
        let name = Self.clusterName(index)
        var mesh: MeshMembership?
        if index % 5 == 0 {
            mesh = MeshMembership(
                id: "mesh-\(index / 5 % 4)", network: "net-\(region)", trustRoot: "root-\(index / 5 % 4)",
                eastWestGateway: Self.address(20, 100 + high, low, 10))
        }
        topology.clusters[name] = Cluster(
            name: name, vnet: vnet, region: Self.regions[region], nodeSubnet: space, networkPlugin: plugin,
            podCIDR: podCIDR, serviceCIDR: serviceCIDR, egress: index % 20 == 7 ? .none : .internet,
            globalnetCIDR: sharesDefaultPods && index % 20 == 1 ? Self.cidr(242, high, low, 0, 24) : nil,
            mesh: mesh, isolatedNamespaces: index % 4 == 0 ? ["ns-0"] : [])

        for number in 0..<servicesPerCluster {
            let id = ServiceID(cluster: name, namespace: "ns-\(number % 5)", name: "svc-\(number)")
            var ports = [ServicePort(name: "http", port: 80, targetPort: 8080, appProtocol: "http")]
            if number % 3 == 1 { ports.append(ServicePort(name: "grpc", port: 9090, targetPort: 9090)) }
            if number % 7 == 3 { ports = [ServicePort(name: "dns", port: 53, protocol: .udp)] }
            var exposure = ServiceExposure.clusterIP
            var loadBalancerIP: IPv4Address?
            if number % 10 == 1 {
                exposure = .internalLB
                loadBalancerIP = Self.address(10, high, low, UInt32(10 + number % 240))
            } else if number % 10 == 2 {
                exposure = .publicLB
                loadBalancerIP = Self.address(20, 150 + high % 50, low, UInt32(10 + number % 240))
            }
            topology.services[id] = Service(id: id, ports: ports, exposure: exposure, loadBalancerIP: loadBalancerIP)
        }
        let exposed = ServiceID(cluster: name, namespace: "ns-0", name: "svc-0")
        let ingress = Ingress(
            service: exposed, host: "svc-0.\(name).example.com", visibility: index % 3 == 2 ? .internal : .public,
            address: Self.address(20, 50 + high % 50, low, 5), className: "nginx")
        topology.ingresses[ingress.id] = ingress
        _ = random.next()
    }

    private func addTunnelsAndMeshLinks(to topology: inout Topology) {
        // Tunnel sets of four clusters, fully connected, alternating public and private endpoints.
        for base in stride(from: 0, to: clusters, by: 4) {
            let members = Array(base..<min(base + 4, clusters))
            for (offset, a) in members.enumerated() {
                for b in members[(offset + 1)...] {
                    let pair = UnorderedPair(Self.clusterName(a), Self.clusterName(b))
                    topology.tunnels[pair] = Tunnel(
                        clusters: pair, cableDriver: (a + b) % 3 == 0 ? .wireguard : .libreswan,
                        endpoint: (a + b) % 2 == 0 ? .public : .private, state: (a + b) % 17 == 5 ? .error : .connected)
                }
            }
        }
        // Each mesh member links to the next member of the same mesh.
        var previous: [String: String] = [:]
        for index in stride(from: 0, to: clusters, by: 5) {
            let name = Self.clusterName(index)
            guard let mesh = topology.clusters[name]?.mesh?.id else { continue }
            if let earlier = previous[mesh] {
                let pair = UnorderedPair(earlier, name)
                topology.meshLinks[pair] = MeshLink(clusters: pair)
            }
            previous[mesh] = name
        }
    }

    private func addImports(of index: Int, to topology: inout Topology, random: inout SplitMix64) {
        let consumer = Self.clusterName(index)
        var made = 0
        var attempts = 0
        while made < importsPerCluster && attempts < importsPerCluster * 4 {
            attempts += 1
            // Mostly partners a path can reach (tunnel set, mesh, region), some at random.
            let target: Int =
                switch random.below(4) {
                case 0: index / 4 * 4 + random.below(4)
                case 1: (index + 5 * (1 + random.below(4))) % clusters
                case 2: (index + regionCount * random.below(8)) % clusters
                default: random.below(clusters)
                }
            guard target < clusters else { continue }
            let number = random.below(servicesPerCluster)
            let service = ServiceID(cluster: Self.clusterName(target), namespace: "ns-\(number % 5)", name: "svc-\(number)")
            let id = ImportID(consumer: Consumer(cluster: consumer, namespace: "app-\(made % 7)"), service: service)
            guard topology.imports[id] == nil, let ports = topology.services[service]?.ports else { continue }
            let port: Int? = random.below(3) == 0 ? nil : ports[0].port
            let via: ImportVia = random.below(10) == 0 ? .pinned([.mesh, .tunnel, .network, .ingress][random.below(4)]) : .auto
            topology.imports[id] = ServiceImport(id: id, port: port, via: via)
            made += 1
        }
    }
}
