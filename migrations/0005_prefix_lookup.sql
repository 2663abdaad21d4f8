-- crosslink schema 5: find the VNets holding an address without reading every prefix (route check).
CREATE INDEX vnet_address_prefix_by_cidr ON vnet_address_prefix(cidr);
