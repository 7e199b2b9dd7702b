/**
 * Approximate locations (latitude, longitude) of the Azure regions the emulator serves, for a
 * realistic round-trip matrix between vantage points and regions. Public city coordinates of the
 * regions' metro areas; Azure does not publish data-center positions.
 */
export const REGION_COORDINATES: Record<string, readonly [number, number]> = {
  eastus: [37.37, -79.82],
  eastus2: [36.67, -78.39],
  centralus: [41.59, -93.6],
  northcentralus: [41.88, -87.63],
  southcentralus: [29.42, -98.49],
  westus: [37.78, -122.42],
  westus2: [47.23, -119.85],
  westus3: [33.45, -112.07],
  canadacentral: [43.65, -79.38],
  canadaeast: [46.82, -71.22],
  brazilsouth: [-23.55, -46.63],
  northeurope: [53.35, -6.26],
  westeurope: [52.37, 4.9],
  uksouth: [50.94, -0.8],
  ukwest: [53.43, -3.08],
  francecentral: [46.3, 2.37],
  germanywestcentral: [50.11, 8.68],
  switzerlandnorth: [47.45, 8.56],
  norwayeast: [59.91, 10.75],
  swedencentral: [60.67, 17.14],
  uaenorth: [25.27, 55.3],
  southafricanorth: [-25.73, 28.22],
  centralindia: [18.58, 73.92],
  southindia: [12.98, 80.16],
  japaneast: [35.68, 139.77],
  japanwest: [34.69, 135.5],
  koreacentral: [37.57, 126.98],
  eastasia: [22.27, 114.19],
  southeastasia: [1.28, 103.83],
  australiaeast: [-33.86, 151.21],
  australiasoutheast: [-37.81, 144.96],
};

const EARTH_RADIUS_KM = 6371;
/** Fibre paths are longer than the great circle and light in glass covers ~100 km per ms one way. */
const MS_PER_KM_ROUND_TRIP = 0.0135;
/** The floor of a round trip inside one region (a cluster to a replica in the same metro). */
const SAME_REGION_MS = 2;

function distanceKm(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The emulated round trip (ms, whole) from a client in region `from` to region `to`: 2 ms within
 * a region, then about 1.35 ms per 100 km of great-circle distance (westeurope to eastus ~82 ms,
 * to southeastasia ~142 ms), the order of magnitude of Azure's published inter-region latency
 * table. Null when either region has no known location.
 */
export function rttBetween(from: string, to: string): number | null {
  const a = REGION_COORDINATES[from];
  const b = REGION_COORDINATES[to];
  if (!a || !b) return null;
  return Math.round(SAME_REGION_MS + distanceKm(a, b) * MS_PER_KM_ROUND_TRIP);
}
