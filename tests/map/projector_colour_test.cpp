// Projector mode's board colours (issue 8): the five Okabe–Ito level colours must stay apart
// for viewers with each of the three dichromacies and stand out against the projector's
// near-black background; the map's board symbols take them (and a shape per level) only in
// projector mode, leaving the normal palette untouched.
//
// Colour-vision simulation: Machado, Oliveira & Fernandes (2009), "A Physiologically-based
// Model for Simulation of Color Vision Deficiency", IEEE TVCG 15(6), severity 1.0 matrices,
// applied to linear RGB. Distances: CIE76 ΔE in CIELAB (D65). Contrast: WCAG 2 relative
// luminance ratio.
#include "console/map/ops_layers.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <gtest/gtest.h>
#include <set>
#include <string>

namespace breathline::map {
namespace {

namespace ops = data::ops;
using Vec3 = std::array<double, 3>;
using Mat3 = std::array<Vec3, 3>;

constexpr std::array<ops::BoardLevel, 5> k_levels{
    ops::BoardLevel::critical, ops::BoardLevel::urgent, ops::BoardLevel::unconfirmed,
    ops::BoardLevel::watch, ops::BoardLevel::ok};

double to_linear(double c) {
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

Vec3 linear_rgb(const Rgba& c) {
    return {to_linear(c.r / 255.0), to_linear(c.g / 255.0), to_linear(c.b / 255.0)};
}

Vec3 mul(const Mat3& m, const Vec3& v) {
    Vec3 out{};
    for (int i = 0; i < 3; ++i)
        out[static_cast<std::size_t>(i)] = std::clamp(m[static_cast<std::size_t>(i)][0] * v[0] +
                                                          m[static_cast<std::size_t>(i)][1] * v[1] +
                                                          m[static_cast<std::size_t>(i)][2] * v[2],
                                                      0.0, 1.0);
    return out;
}

// Machado et al. 2009, severity 1.0.
const Mat3 k_protanopia{{{0.152286, 1.052583, -0.204868},
                         {0.114503, 0.786281, 0.099216},
                         {-0.003882, -0.048116, 1.051998}}};
const Mat3 k_deuteranopia{{{0.367322, 0.860646, -0.227968},
                           {0.280085, 0.672501, 0.047413},
                           {-0.011820, 0.042940, 0.968881}}};
const Mat3 k_tritanopia{{{1.255528, -0.076749, -0.178779},
                         {-0.078411, 0.930809, 0.147602},
                         {0.004733, 0.691367, 0.303900}}};
const Mat3 k_identity{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};

// Linear sRGB → CIELAB (D65 white).
Vec3 lab(const Vec3& rgb) {
    const double x = 0.4124564 * rgb[0] + 0.3575761 * rgb[1] + 0.1804375 * rgb[2];
    const double y = 0.2126729 * rgb[0] + 0.7151522 * rgb[1] + 0.0721750 * rgb[2];
    const double z = 0.0193339 * rgb[0] + 0.1191920 * rgb[1] + 0.9503041 * rgb[2];
    const auto f = [](double t) {
        return t > 216.0 / 24389.0 ? std::cbrt(t) : (24389.0 / 27.0 * t + 16.0) / 116.0;
    };
    const double fx = f(x / 0.95047), fy = f(y / 1.0), fz = f(z / 1.08883);
    return {116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)};
}

double delta_e76(const Vec3& a, const Vec3& b) {
    return std::sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) +
                     (a[2] - b[2]) * (a[2] - b[2]));
}

double luminance(const Rgba& c) {
    const Vec3 l = linear_rgb(c);
    return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
}

double contrast(const Rgba& a, const Rgba& b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// The smallest ΔE76 between two of the five projector colours as seen through `vision`.
double min_pair_distance(const Mat3& vision, std::string* worst) {
    double best = 1e9;
    for (std::size_t i = 0; i < k_levels.size(); ++i)
        for (std::size_t j = i + 1; j < k_levels.size(); ++j) {
            const Rgba a = board_level_colour(k_levels[i], BoardPalette::projector);
            const Rgba b = board_level_colour(k_levels[j], BoardPalette::projector);
            const double d =
                delta_e76(lab(mul(vision, linear_rgb(a))), lab(mul(vision, linear_rgb(b))));
            if (d < best) {
                best = d;
                *worst = std::string(ops::to_string(k_levels[i])) + "/" +
                         std::string(ops::to_string(k_levels[j]));
            }
        }
    return best;
}

TEST(ProjectorColours, SimulationMatricesKeepWhiteAndBlack) {
    // Machado's matrices are normalised so that achromatic colours stay put: a sanity check
    // of the transcription.
    for (const Mat3* m : {&k_protanopia, &k_deuteranopia, &k_tritanopia}) {
        const Vec3 w = mul(*m, {1, 1, 1});
        for (double c : w)
            EXPECT_NEAR(c, 1.0, 1e-3);
    }
}

TEST(ProjectorColours, FiveLevelsStayApartForEveryDichromacy) {
    // ΔE76 ≈ 2.3 is a just-noticeable difference; above ~10 two colours are told apart at a
    // glance, which a board read from 10 m needs; 15 leaves margin for a projector's washed-out
    // colours. The simulations are of full dichromacy (severity 1), the hardest case. Measured:
    // normal 33.4 (critical/urgent), protanopia 24.7 and deuteranopia 17.0 (urgent/watch),
    // tritanopia 16.1 (unconfirmed/ok).
    constexpr double k_min_delta_e = 15.0;
    const std::pair<const char*, const Mat3*> visions[] = {{"normal", &k_identity},
                                                           {"protanopia", &k_protanopia},
                                                           {"deuteranopia", &k_deuteranopia},
                                                           {"tritanopia", &k_tritanopia}};
    for (const auto& [name, m] : visions) {
        std::string worst;
        const double d = min_pair_distance(*m, &worst);
        EXPECT_GE(d, k_min_delta_e) << name << ": " << worst << " only ΔE76 " << d;
        std::printf("%-13s closest pair %-22s ΔE76 %.1f\n", name, worst.c_str(), d);
    }
}

TEST(ProjectorColours, EveryLevelHasWcagContrastAgainstTheBackground) {
    for (const auto level : k_levels) {
        const Rgba c = board_level_colour(level, BoardPalette::projector);
        const double ratio = contrast(c, k_projector_background);
        EXPECT_GE(ratio, 4.5) << ops::to_string(level) << " " << ratio;
        std::printf("%-12s contrast %.2f:1\n", std::string(ops::to_string(level)).c_str(), ratio);
    }
    // White text on the background, for the labels.
    EXPECT_GE(contrast({255, 255, 255, 255}, k_projector_background), 7.0);
}

TEST(ProjectorColours, NormalPaletteIsUnchangedAndProjectorUsesOkabeIto) {
    for (const auto level : k_levels)
        EXPECT_EQ(board_level_colour(level, BoardPalette::normal), board_level_colour(level));
    EXPECT_EQ(board_level_colour(ops::BoardLevel::critical, BoardPalette::projector),
              (Rgba{0xD5, 0x5E, 0x00, 255}));
    EXPECT_EQ(board_level_colour(ops::BoardLevel::ok, BoardPalette::projector),
              (Rgba{0x00, 0x9E, 0x73, 255}));
    // A shape per level: the board reads without colour.
    std::set<Shape> shapes;
    for (const auto level : k_levels)
        shapes.insert(board_level_shape(level));
    EXPECT_EQ(shapes.size(), k_levels.size());
}

TEST(ProjectorColours, BoardLayerTakesThePaletteAndBumpsItsRevisionOnlyOnChange) {
    Scene scene;
    EXPECT_FALSE(apply_board_palette(scene, BoardPalette::projector)); // no board layer
    scene.layers.push_back(empty_board_layer());
    const Layer& layer = scene.layers.back();
    const auto normal = layer.points.styles;
    // The normal palette is what the builder made: nothing to change.
    EXPECT_FALSE(apply_board_palette(scene, BoardPalette::normal));
    const auto r0 = layer.revision;
    EXPECT_TRUE(apply_board_palette(scene, BoardPalette::projector, 22.0f));
    EXPECT_NE(layer.revision, r0);
    for (std::size_t i = 0; i < k_levels.size(); ++i) {
        const auto& s = layer.points.styles[static_cast<std::size_t>(k_levels[i])];
        EXPECT_EQ(s.fill, board_level_colour(k_levels[i], BoardPalette::projector));
        EXPECT_EQ(s.shape, board_level_shape(k_levels[i]));
    }
    const auto r1 = layer.revision;
    EXPECT_FALSE(apply_board_palette(scene, BoardPalette::projector, 22.0f));
    EXPECT_EQ(layer.revision, r1); // every frame calls it: no re-upload
    EXPECT_TRUE(apply_board_palette(scene, BoardPalette::normal));
    for (std::size_t i = 0; i < normal.size(); ++i) {
        EXPECT_EQ(layer.points.styles[i].fill, normal[i].fill);
        EXPECT_EQ(layer.points.styles[i].shape, Shape::ring);
        EXPECT_EQ(layer.points.styles[i].size_px, normal[i].size_px);
    }
}

} // namespace
} // namespace breathline::map
