#include "data/layers/raster_file.h"

#include "data/error.h"
#include "data/gdal/gdal_support.h"

#include <algorithm>
#include <cmath>
#include <cpl_string.h>
#include <gdal.h>
#include <gdal_alg.h>
#include <gdal_utils.h>
#include <memory>
#include <ogr_srs_api.h>
#include <string>

namespace breathline::data::layers {

namespace {

struct DatasetCloser {
    void operator()(GDALDatasetH h) const {
        if (h) GDALClose(h);
    }
};
using Dataset = std::unique_ptr<void, DatasetCloser>;

// A NULL-terminated argv for the gdal_utils option parsers.
class Args {
public:
    void add(const std::string& a) { m_list = CSLAddString(m_list, a.c_str()); }
    char** get() const { return m_list; }
    ~Args() { CSLDestroy(m_list); }
    Args() = default;
    Args(const Args&) = delete;
    Args& operator=(const Args&) = delete;

private:
    char** m_list = nullptr;
};

std::string with_reason(std::string message) {
    const std::string reason = gdal::QuietErrors::last_message();
    if (!reason.empty()) message += " (" + reason + ")";
    return message;
}

// gdal_translate to an in-memory VRT: colour tables to RGBA, other band types to bytes.
Dataset normalise_bands(GDALDatasetH src, const std::string& file) {
    const int bands = GDALGetRasterCount(src);
    GDALRasterBandH first = GDALGetRasterBand(src, 1);
    Args args;
    args.add("-of");
    args.add("VRT");
    bool needed = false;
    if (bands == 1 && GDALGetRasterColorTable(first)) {
        args.add("-expand");
        args.add("rgba");
        needed = true;
    } else {
        for (int b = 1; b <= bands; ++b)
            if (GDALGetRasterDataType(GDALGetRasterBand(src, b)) != GDT_Byte) {
                args.add("-ot");
                args.add("Byte");
                args.add("-scale"); // source min..max onto 0..255
                needed = true;
                break;
            }
    }
    if (!needed) return nullptr;
    std::unique_ptr<GDALTranslateOptions, decltype(&GDALTranslateOptionsFree)> options(
        GDALTranslateOptionsNew(args.get(), nullptr), &GDALTranslateOptionsFree);
    int usage_error = 0;
    Dataset out(GDALTranslate("", src, options.get(), &usage_error));
    if (!out)
        throw DataError(
            ErrorCode::invalid_input,
            with_reason("cannot convert the bands of raster layer '" + file + "' to RGBA"));
    return out;
}

struct Extent {
    double min_x, min_y, max_x, max_y;
    int width, height;
};

// The natural EPSG:6677 extent and size of the warped source.
Extent suggested_extent(GDALDatasetH src, const std::string& file) {
    Args to;
    to.add("DST_SRS=EPSG:6677");
    void* transformer = GDALCreateGenImgProjTransformer2(src, nullptr, to.get());
    if (!transformer)
        throw DataError(ErrorCode::invalid_input,
                        with_reason("raster layer '" + file +
                                    "' cannot be warped to EPSG:6677; does it have a CRS?"));
    double gt[6] = {};
    int w = 0, h = 0;
    double ext[4] = {};
    const CPLErr err =
        GDALSuggestedWarpOutput2(src, GDALGenImgProjTransform, transformer, gt, &w, &h, ext, 0);
    GDALDestroyGenImgProjTransformer(transformer);
    if (err != CE_None || w <= 0 || h <= 0)
        throw DataError(ErrorCode::invalid_input,
                        with_reason("raster layer '" + file + "' cannot be warped to EPSG:6677"));
    return {ext[0], ext[1], ext[2], ext[3], w, h};
}

} // namespace

RasterImage read_raster_file(const std::filesystem::path& path, const RasterOptions& options) {
    const std::string file = path.string();
    gdal::register_drivers_once();
    const gdal::QuietErrors quiet;

    Dataset source(
        GDALOpenEx(file.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!source)
        throw DataError(ErrorCode::io, with_reason("cannot open raster layer '" + file + "'") +
                                           ": check that the file exists and is a GeoTIFF, "
                                           "MBTiles or GeoPackage with tiles");
    GDALDatasetH src = source.get();
    double gt[6] = {};
    const char* wkt = GDALGetProjectionRef(src);
    if (GDALGetRasterCount(src) < 1 || GDALGetGeoTransform(src, gt) != CE_None || !wkt || !*wkt)
        throw DataError(ErrorCode::invalid_input,
                        "raster layer '" + file +
                            "' has no georeferencing (CRS and geotransform); save it as a "
                            "GeoTIFF with its coordinate system");

    Dataset normalised = normalise_bands(src, file);
    if (normalised) src = normalised.get();

    Extent ext = suggested_extent(src, file);
    double te[4] = {ext.min_x, ext.min_y, ext.max_x, ext.max_y};
    double natural_w = ext.width, natural_h = ext.height;
    if (options.clip_6677) {
        const auto& c = *options.clip_6677;
        const double x0 = std::max(te[0], c[0]), y0 = std::max(te[1], c[1]);
        const double x1 = std::min(te[2], c[2]), y1 = std::min(te[3], c[3]);
        if (!(x1 > x0 && y1 > y0))
            throw DataError(ErrorCode::invalid_input,
                            "raster layer '" + file + "' does not overlap the area shown");
        natural_w *= (x1 - x0) / (te[2] - te[0]);
        natural_h *= (y1 - y0) / (te[3] - te[1]);
        te[0] = x0;
        te[1] = y0;
        te[2] = x1;
        te[3] = y1;
    }
    const double limit = std::max(1, options.max_size_px);
    const double scale = std::min(1.0, limit / std::max(natural_w, natural_h));
    const int width = std::max(1, static_cast<int>(std::lround(natural_w * scale)));
    const int height = std::max(1, static_cast<int>(std::lround(natural_h * scale)));

    Args args;
    for (const char* a : {"-of", "MEM", "-t_srs", "EPSG:6677", "-r", "bilinear", "-dstalpha"})
        args.add(a);
    args.add("-te");
    for (const double v : te)
        args.add(CPLSPrintf("%.17g", v));
    args.add("-ts");
    args.add(std::to_string(width));
    args.add(std::to_string(height));
    std::unique_ptr<GDALWarpAppOptions, decltype(&GDALWarpAppOptionsFree)> warp_options(
        GDALWarpAppOptionsNew(args.get(), nullptr), &GDALWarpAppOptionsFree);
    GDALDatasetH inputs[1] = {src};
    int usage_error = 0;
    Dataset warped(GDALWarp("", nullptr, 1, inputs, warp_options.get(), &usage_error));
    if (!warped)
        throw DataError(ErrorCode::invalid_input,
                        with_reason("cannot warp raster layer '" + file + "' to EPSG:6677"));

    RasterImage out;
    out.width = GDALGetRasterXSize(warped.get());
    out.height = GDALGetRasterYSize(warped.get());
    double wgt[6] = {};
    GDALGetGeoTransform(warped.get(), wgt);
    // North-up output (gdalwarp never rotates): gt[5] < 0 and row 0 is the northern edge.
    out.min_x = wgt[0];
    out.max_x = wgt[0] + wgt[1] * out.width;
    out.max_y = wgt[3];
    out.min_y = wgt[3] + wgt[5] * out.height;

    const std::size_t pixels = static_cast<std::size_t>(out.width) * out.height;
    out.rgba.assign(pixels * 4, 255);
    std::vector<std::uint8_t> band(pixels);
    const int bands = GDALGetRasterCount(warped.get());
    int colour_bands = 0;
    for (int b = 1; b <= bands; ++b) {
        GDALRasterBandH h = GDALGetRasterBand(warped.get(), b);
        if (GDALRasterIO(h, GF_Read, 0, 0, out.width, out.height, band.data(), out.width,
                         out.height, GDT_Byte, 0, 0) != CE_None)
            throw DataError(ErrorCode::io, with_reason("cannot read band " + std::to_string(b) +
                                                       " of raster layer '" + file + "'"));
        // Band meaning: alpha by interpretation; otherwise the colour bands in order, one
        // grey band standing for all three.
        const GDALColorInterp ci = GDALGetRasterColorInterpretation(h);
        std::vector<int> channels;
        if (ci == GCI_AlphaBand)
            channels = {3};
        else if (ci == GCI_RedBand)
            channels = {0};
        else if (ci == GCI_GreenBand)
            channels = {1};
        else if (ci == GCI_BlueBand)
            channels = {2};
        else if (colour_bands == 0 && (bands <= 2 || ci == GCI_GrayIndex))
            channels = {0, 1, 2};
        else if (colour_bands < 3)
            channels = {colour_bands};
        if (ci != GCI_AlphaBand) ++colour_bands;
        for (const int c : channels)
            for (std::size_t i = 0; i < pixels; ++i)
                out.rgba[i * 4 + static_cast<std::size_t>(c)] = band[i];
    }
    return out;
}

} // namespace breathline::data::layers
