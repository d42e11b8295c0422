#pragma once
/// Listing areas by kind. AreaStore (store.h) looks an area up by kind and
/// name only; exports need every area of a kind (the ward boundary under
/// whatever name the demo or an import gave it), so this SpatiaLite-specific
/// query lives here until AreaStore grows a listing call.

#include "data/model/facility.h"

#include <string>
#include <string_view>
#include <vector>

namespace breathline::data::spatialite {

class SpatialiteStore;

/// An area with its geometry in both encodings exports need.
struct AreaGeometry {
    Area area;       ///< area.wkt from AsWKT: about 15 significant digits
    std::string wkb; ///< ISO WKB MULTIPOLYGON, EPSG:4326: every bit of the stored doubles
};

/// Every area of `kind` (e.g. "ward_boundary"), ordered by id, lon/lat order.
/// Empty when there is none. Throws DataError(sql) on a database failure.
/// Same thread rules as the store.
std::vector<AreaGeometry> areas_of_kind(SpatialiteStore& store, std::string_view kind);

} // namespace breathline::data::spatialite
