import CrosslinkCore
import Yams

extension ManifestDocument {
    /// The whole object as a YAML node: apiVersion, kind, metadata, spec, in that order.
    var node: Node {
        let spec: Node? =
            switch object {
            case .serviceExport: nil  // no spec: the submariner-operator CRD has none
            case .serviceEntry(let entry): entry.specNode
            case .networkPolicy(let policy): policy.specNode
            case .namespace: nil
            case .stubService(let service): service.specNode
            }
        // Namespaces are cluster-scoped: their metadata has no namespace.
        let isClusterScoped = if case .namespace = object { true } else { false }
        return YAMLNode.mapping([
            "apiVersion": YAMLNode.string(apiVersion),
            "kind": YAMLNode.string(kind),
            "metadata": metadata.node(includingNamespace: !isClusterScoped),
            "spec": spec,
        ])
    }
}

extension ObjectMetadata {
    func node(includingNamespace: Bool) -> Node {
        YAMLNode.mapping([
            "name": YAMLNode.string(name),
            "namespace": includingNamespace ? YAMLNode.string(namespace) : nil,
            "labels": YAMLNode.nonEmpty(labels, YAMLNode.sortedMapping),
            "annotations": YAMLNode.nonEmpty(annotations, YAMLNode.sortedMapping),
        ])
    }
}

extension ServiceEntry {
    var specNode: Node {
        YAMLNode.mapping([
            "hosts": YAMLNode.strings(hosts),
            "exportTo": YAMLNode.nonEmpty(exportTo, YAMLNode.strings),
            "location": YAMLNode.string(location.rawValue),
            "ports": YAMLNode.sequence(
                ports.map { port in
                    YAMLNode.mapping([
                        "number": YAMLNode.int(port.number),
                        "name": YAMLNode.string(port.name),
                        "protocol": YAMLNode.string(port.protocol),
                    ])
                }),
            "resolution": YAMLNode.string(resolution.rawValue),
            "endpoints": YAMLNode.nonEmpty(endpoints) { endpoints in
                YAMLNode.sequence(
                    endpoints.map { endpoint in
                        YAMLNode.mapping([
                            "address": YAMLNode.string(endpoint.address),
                            "network": endpoint.network.map(YAMLNode.string),
                            "labels": YAMLNode.nonEmpty(endpoint.labels, YAMLNode.sortedMapping),
                            "ports": YAMLNode.nonEmpty(endpoint.ports, YAMLNode.sortedMapping),
                        ])
                    })
            },
        ])
    }
}

extension StubService {
    /// Ports only: no selector (so no endpoints of its own) and the default type, ClusterIP, so that
    /// DNS answers the name with a cluster IP the sidecar intercepts.
    var specNode: Node {
        YAMLNode.mapping([
            "ports": YAMLNode.sequence(
                ports.map { port in
                    YAMLNode.mapping([
                        "name": port.name.map(YAMLNode.string),
                        "port": YAMLNode.int(port.port),
                        "targetPort": YAMLNode.int(port.targetPort),
                        "protocol": YAMLNode.string(port.protocol.rawValue),
                        "appProtocol": port.appProtocol.map(YAMLNode.string),
                    ])
                })
        ])
    }
}

extension NetworkPolicy {
    var specNode: Node {
        YAMLNode.mapping([
            "podSelector": YAMLNode.mapping(["matchLabels": YAMLNode.sortedMapping(podSelector)]),
            "policyTypes": YAMLNode.strings(["Ingress"]),
            "ingress": YAMLNode.sequence(
                ingress.map { rule in
                    YAMLNode.mapping([
                        "from": YAMLNode.sequence(rule.peers.map(\.node)),
                        "ports": YAMLNode.sequence(
                            rule.ports.map { port in
                                YAMLNode.mapping([
                                    "protocol": YAMLNode.string(port.protocol.rawValue),
                                    "port": YAMLNode.int(port.port),
                                ])
                            }),
                    ])
                }),
        ])
    }
}

extension NetworkPolicy.Peer {
    var node: Node {
        switch self {
        case .ipBlock(let cidr):
            YAMLNode.mapping(["ipBlock": YAMLNode.mapping(["cidr": YAMLNode.string(cidr.description)])])
        case .namespaces(let labels):
            // An empty selector is `{}`: every namespace.
            YAMLNode.mapping(["namespaceSelector": Self.selector(labels)])
        case .pods(let namespaceLabels, let podLabels):
            YAMLNode.mapping([
                "namespaceSelector": Self.selector(namespaceLabels),
                "podSelector": Self.selector(podLabels),
            ])
        }
    }

    private static func selector(_ labels: [String: String]) -> Node {
        YAMLNode.mapping(["matchLabels": YAMLNode.nonEmpty(labels, YAMLNode.sortedMapping)])
    }
}
