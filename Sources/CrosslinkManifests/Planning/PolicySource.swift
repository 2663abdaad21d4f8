import CrosslinkCore

/// Conventions for the pods and namespaces that NetworkPolicies select, in one place so that
/// docs/manifests.md and the code cannot drift apart.
package enum PolicyConvention {
    /// The label a service's pods must carry for crosslink's NetworkPolicy to select them:
    /// `app.kubernetes.io/name: <service name>` (the recommended Kubernetes label; the model has
    /// no pod selector of its own).
    package static let serviceLabel = "app.kubernetes.io/name"

    /// The label Kubernetes puts on every namespace, holding its name.
    package static let namespaceNameLabel = "kubernetes.io/metadata.name"

    /// Istio's east-west gateway pods: `istio: eastwestgateway` in `istio-system` (the labels of
    /// Istio's `gen-eastwest-gateway.sh`).
    package static let eastWestGateway = (namespace: "istio-system", labels: ["istio": "eastwestgateway"])

    /// The ingress controller pods for an ingress class: AKS application routing
    /// (`webapprouting.kubernetes.azure.com`) runs `app: nginx` in `app-routing-system`; any other
    /// class is taken to be the ingress-nginx Helm chart's defaults.
    package static func ingressController(className: String?) -> (namespace: String, labels: [String: String]) {
        if className == "webapprouting.kubernetes.azure.com" {
            return ("app-routing-system", ["app": "nginx"])
        }
        return ("ingress-nginx", ["app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller"])
    }
}

extension PlannedRoute {
    /// Where this route's packets come from when they reach the service's pods (spec §7.15).
    var policyPeer: NetworkPolicy.Peer {
        let consumer = consumerCluster
        switch via {
        case .local:
            // Inside one cluster: the consumer namespace, or every namespace for a whole-cluster consumer.
            guard let namespace = self.consumer.namespace else { return .namespaces(matchLabels: [:]) }
            return .namespaces(matchLabels: [PolicyConvention.namespaceNameLabel: namespace])
        case .tunnel:
            // Globalnet rewrites sources to the consumer's global range (a ClusterSet-wide setting, §7.5).
            return .ipBlock(consumer.globalnetCIDR ?? consumer.podCIDR)
        case .mesh:
            if crossesMeshNetworks {
                let gateway = PolicyConvention.eastWestGateway
                return .pods(namespaceLabels: [PolicyConvention.namespaceNameLabel: gateway.namespace], podLabels: gateway.labels)
            }
            return .ipBlock(consumer.podCIDR)
        case .network:
            switch service.externalTrafficPolicy {
            case .cluster:
                // The receiving node may forward to a pod elsewhere and SNATs to its own address.
                return .ipBlock(serviceCluster.nodeSubnet)
            case .local:
                // The client address is kept: pod IPs with azure-cni; overlay and kubenet pods leave
                // their node SNATed to the node's address.
                return .ipBlock(consumer.hasRoutablePodIPs ? consumer.podCIDR : consumer.nodeSubnet)
            }
        case .ingress:
            let controller = PolicyConvention.ingressController(className: ingress?.className)
            return .pods(namespaceLabels: [PolicyConvention.namespaceNameLabel: controller.namespace], podLabels: controller.labels)
        }
    }

    /// The pod port the route's traffic arrives on.
    var policyPort: NetworkPolicy.Port {
        NetworkPolicy.Port(port: port.targetPort, protocol: port.protocol)
    }
}
