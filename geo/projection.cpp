#include "geo/projection.h"

#include <cassert>
#include <cmath>
#include <numbers>
#include <proj.h>
#include <stdexcept>
#include <string>
#include <utility>

namespace breathline::geo {

namespace {

constexpr const char* source_crs = "EPSG:4326";
constexpr const char* target_crs = "EPSG:6677";

struct ContextDeleter {
    void operator()(PJ_CONTEXT* ctx) const { proj_context_destroy(ctx); }
};
struct PjDeleter {
    void operator()(PJ* pj) const { proj_destroy(pj); }
};
using ContextPtr = std::unique_ptr<PJ_CONTEXT, ContextDeleter>;
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

std::string format_point(double a, double b) {
    return "(" + std::to_string(a) + ", " + std::to_string(b) + ")";
}

} // namespace

struct PlaneProjector::Impl {
    // The context must outlive the PJ that was created in it: members are destroyed in
    // reverse order, so `transform` goes first.
    ContextPtr context;
    PjPtr transform;
    // PROJ reports details (e.g. "proj.db not found") only through its logger; we keep the
    // last message so that the exception can carry it instead of it going to stderr.
    std::string last_log_message;

    static void log_to_impl(void* app_data, int level, const char* message) {
        if (level > PJ_LOG_ERROR || message == nullptr) return;
        static_cast<Impl*>(app_data)->last_log_message = message;
    }

    // Builds an exception message from `what` plus PROJ's own diagnosis, then clears that
    // diagnosis so that it cannot be blamed for a later, unrelated failure.
    std::string describe_error(const std::string& what) {
        std::string text = what;
        const int err = transform ? proj_errno(transform.get()) : proj_context_errno(context.get());
        // The logger's message is the more specific one ("no database context specified");
        // the errno text is only a fallback because for some failures it is "Unknown error".
        if (!last_log_message.empty())
            text += " (PROJ: " + last_log_message + ")";
        else if (err != 0)
            text += ": " + std::string(proj_context_errno_string(context.get(), err));
        last_log_message.clear();
        if (transform) proj_errno_reset(transform.get());
        return text;
    }
};

// An empty path means "PROJ's default search path" to the overload below.
PlaneProjector::PlaneProjector() : PlaneProjector(std::filesystem::path{}) {}

PlaneProjector::PlaneProjector(const std::filesystem::path& proj_data_dir)
    : m_impl(std::make_unique<Impl>()) {
    const std::string where = proj_data_dir.empty() ? std::string("PROJ's default search path")
                                                    : "'" + proj_data_dir.string() + "'";
    m_impl->context.reset(proj_context_create());
    if (!m_impl->context)
        throw std::runtime_error("PlaneProjector: proj_context_create failed (out of memory?)");
    proj_log_func(m_impl->context.get(), m_impl.get(), &Impl::log_to_impl);
    if (!proj_data_dir.empty()) {
        const std::string dir = proj_data_dir.string();
        const char* paths[] = {dir.c_str()};
        proj_context_set_search_paths(m_impl->context.get(), 1, paths);
    }

    PjPtr raw(proj_create_crs_to_crs(m_impl->context.get(), source_crs, target_crs, nullptr));
    if (!raw)
        throw std::runtime_error(
            m_impl->describe_error(std::string("PlaneProjector: cannot create ") + source_crs +
                                   " -> " + target_crs + " with proj.db from " + where +
                                   "; install PROJ's data (Debian: proj-data) or set PROJ_DATA"));

    // Without this PROJ would expect (lat, lon) and return (northing, easting), because that
    // is the axis order the EPSG registry defines for both CRSs. Normalising gives the GIS
    // order (lon, lat) -> (easting, northing) that LonLat and PlaneXY use.
    m_impl->transform.reset(proj_normalize_for_visualization(m_impl->context.get(), raw.get()));
    if (!m_impl->transform)
        throw std::runtime_error(
            m_impl->describe_error("PlaneProjector: proj_normalize_for_visualization failed"));

    // Guard against a silently swapped axis order (a PROJ upgrade, a different proj.db): a
    // point 0.1 degree east of the CS IX origin (139 deg 50' E, 36 deg N) must come out about
    // 9 km east and almost exactly on the origin's northing.
    const PlaneXY probe = to_plane(LonLat(139.0 + 50.0 / 60.0 + 0.1, 36.0));
    if (!(probe.x_east_m > 8900.0 && probe.x_east_m < 9100.0 && std::abs(probe.y_north_m) < 50.0))
        throw std::runtime_error("PlaneProjector: unexpected axis order from PROJ, probe gave " +
                                 format_point(probe.x_east_m, probe.y_north_m) +
                                 " instead of about (9015, 5)");
}

PlaneProjector::~PlaneProjector() = default;
PlaneProjector::PlaneProjector(PlaneProjector&& other) noexcept = default;
PlaneProjector& PlaneProjector::operator=(PlaneProjector&& other) noexcept = default;

PlaneXY PlaneProjector::to_plane(const LonLat& p) const {
    assert(m_impl && "PlaneProjector used after move");
    PJ_COORD in = proj_coord(p.lon(), p.lat(), 0.0, 0.0);
    const PJ_COORD out = proj_trans(m_impl->transform.get(), PJ_FWD, in);
    if (!std::isfinite(out.xy.x) || !std::isfinite(out.xy.y))
        throw std::runtime_error(
            m_impl->describe_error("PlaneProjector::to_plane: cannot project lon/lat " +
                                   format_point(p.lon(), p.lat()) + " to " + target_crs));
    return {out.xy.x, out.xy.y};
}

LonLat PlaneProjector::to_lonlat(const PlaneXY& p) const {
    assert(m_impl && "PlaneProjector used after move");
    PJ_COORD in = proj_coord(p.x_east_m, p.y_north_m, 0.0, 0.0);
    const PJ_COORD out = proj_trans(m_impl->transform.get(), PJ_INV, in);
    const std::string failure = "PlaneProjector::to_lonlat: cannot unproject easting/northing " +
                                format_point(p.x_east_m, p.y_north_m) + " from " + target_crs;
    if (!std::isfinite(out.lp.lam) || !std::isfinite(out.lp.phi))
        throw std::runtime_error(m_impl->describe_error(failure));
    try {
        return LonLat(out.lp.lam, out.lp.phi);
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error(failure + ": " + e.what());
    }
}

void PlaneProjector::to_plane(std::span<const LonLat> in, std::span<PlaneXY> out) const {
    assert(m_impl && "PlaneProjector used after move");
    if (in.size() != out.size())
        throw std::invalid_argument("PlaneProjector::to_plane: input has " +
                                    std::to_string(in.size()) + " points but output has " +
                                    std::to_string(out.size()));
    if (in.empty()) return;
    // LonLat's members are private, so instead of pointing PROJ into it we stage lon/lat in
    // the output array and transform that in place: no extra allocation, no aliasing tricks.
    for (std::size_t i = 0; i < in.size(); ++i)
        out[i] = {in[i].lon(), in[i].lat()};
    constexpr auto stride = sizeof(PlaneXY);
    proj_trans_generic(m_impl->transform.get(), PJ_FWD, &out[0].x_east_m, stride, out.size(),
                       &out[0].y_north_m, stride, out.size(), nullptr, 0, 0, nullptr, 0, 0);
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (!std::isfinite(out[i].x_east_m) || !std::isfinite(out[i].y_north_m))
            throw std::runtime_error(m_impl->describe_error(
                "PlaneProjector::to_plane: cannot project point " + std::to_string(i) +
                ", lon/lat " + format_point(in[i].lon(), in[i].lat()) + " to " + target_crs));
    }
}

double geodesic_distance_m(LonLat a, LonLat b) {
    constexpr double deg = std::numbers::pi / 180.0;
    const double phi1 = a.lat() * deg;
    const double phi2 = b.lat() * deg;
    const double sin_dphi = std::sin((phi2 - phi1) / 2.0);
    const double sin_dlam = std::sin((b.lon() - a.lon()) * deg / 2.0);
    const double h = sin_dphi * sin_dphi + std::cos(phi1) * std::cos(phi2) * sin_dlam * sin_dlam;
    // min() guards asin against h creeping above 1 by rounding for antipodal points.
    return 2.0 * grs80_mean_radius_m * std::asin(std::sqrt(std::min(1.0, h)));
}

} // namespace breathline::geo
