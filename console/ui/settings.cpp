#include "console/ui/settings.h"

#include "console/map/scene.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace breathline::ui {

namespace {

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r");
    return std::string(s.substr(b, e - b + 1));
}

std::optional<float> parse_float(const std::string& s) {
    float v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || !(v == v)) return std::nullopt;
    return v;
}

std::optional<bool> parse_flag(const std::string& s) {
    if (s == "1" || s == "true" || s == "yes" || s == "on") return true;
    if (s == "0" || s == "false" || s == "no" || s == "off") return false;
    return std::nullopt;
}

std::optional<double> parse_double(const std::string& s) {
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || !(v == v)) return std::nullopt;
    return v;
}

std::string format_double(double v) {
    char buf[32];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
}

std::string format_float(float v) {
    char buf[32];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
}

} // namespace

std::optional<std::filesystem::path> default_settings_path() {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    if (xdg && *xdg && std::filesystem::path(xdg).is_absolute())
        return std::filesystem::path(xdg) / "breathline" / "console.ini";
    const char* home = std::getenv("HOME");
    if (home && *home)
        return std::filesystem::path(home) / ".config" / "breathline" / "console.ini";
    return std::nullopt;
}

std::string to_ini(const Settings& s) {
    std::ostringstream out;
    out << "# Breathline console settings (written by the console; safe to edit)\n"
        << "[console]\n"
        << "language = " << (s.language == Lang::ja ? "ja" : "en") << "\n"
        << "ui_scale = " << format_float(s.ui_scale) << "\n"
        << "drill_mode = " << (s.drill_mode ? 1 : 0) << "\n"
        << "projector_mode = " << (s.projector_mode ? 1 : 0) << "\n"
        << "projector_initials = " << (s.projector_initials ? 1 : 0) << "\n"
        << "projector_displace_m = " << format_double(s.projector_displace_m) << "\n"
        << "last_db = " << s.last_db << "\n";
    if (!s.replica_path.empty()) out << "replica = " << s.replica_path << "\n";
    // Section order is the drawing order, bottom first.
    for (const auto& l : s.layers)
        out << "\n[layer " << l.id << "]\nvisible = " << (l.visible ? 1 : 0)
            << "\nopacity = " << format_float(l.opacity) << "\n";
    if (!s.user_layers.empty()) {
        out << "\n[user_layers]\n";
        for (const auto& p : s.user_layers)
            out << "file = " << p << "\n";
    }
    return out.str();
}

Settings parse_ini(std::string_view text, std::vector<std::string>* warnings) {
    Settings s;
    auto warn = [&](std::size_t line, const std::string& what) {
        if (warnings) warnings->push_back("settings line " + std::to_string(line) + ": " + what);
    };
    enum class Section { none, console, layer, user_layers, unknown } section = Section::none;
    LayerSetting* layer = nullptr;
    std::size_t line_no = 0;
    std::istringstream in{std::string(text)};
    for (std::string raw; std::getline(in, raw);) {
        ++line_no;
        const std::string line = trim(raw);
        if (line.empty() || line[0] == '#' || line[0] == ';') continue;
        if (line.front() == '[' && line.back() == ']') {
            const std::string name = trim(std::string_view(line).substr(1, line.size() - 2));
            layer = nullptr;
            if (name == "console") {
                section = Section::console;
            } else if (name == "user_layers") {
                section = Section::user_layers;
            } else if (name.rfind("layer ", 0) == 0 && name.size() > 6) {
                section = Section::layer;
                const std::string id = trim(std::string_view(name).substr(6));
                auto it = std::find_if(s.layers.begin(), s.layers.end(),
                                       [&](const LayerSetting& l) { return l.id == id; });
                if (it == s.layers.end()) {
                    s.layers.push_back({id, true, 1.0f});
                    layer = &s.layers.back();
                } else {
                    layer = &*it;
                }
            } else {
                section = Section::unknown;
                warn(line_no, "unknown section [" + name + "]");
            }
            continue;
        }
        const auto eq = line.find('=');
        if (eq == std::string::npos) {
            warn(line_no, "not key = value: " + line);
            continue;
        }
        const std::string key = trim(std::string_view(line).substr(0, eq));
        const std::string value = trim(std::string_view(line).substr(eq + 1));
        bool ok = true;
        switch (section) {
        case Section::console:
            if (key == "language") {
                if (value == "ja")
                    s.language = Lang::ja;
                else if (value == "en")
                    s.language = Lang::en;
                else
                    ok = false;
            } else if (key == "ui_scale") {
                if (auto v = parse_float(value))
                    s.ui_scale = std::clamp(*v, k_min_ui_scale, k_max_ui_scale);
                else
                    ok = false;
            } else if (key == "drill_mode") {
                if (auto v = parse_flag(value))
                    s.drill_mode = *v;
                else
                    ok = false;
            } else if (key == "projector_mode") {
                if (auto v = parse_flag(value))
                    s.projector_mode = *v;
                else
                    ok = false;
            } else if (key == "projector_initials") {
                if (auto v = parse_flag(value))
                    s.projector_initials = *v;
                else
                    ok = false;
            } else if (key == "projector_displace_m") {
                // Infinite values parse but are no distance; the range keeps a masked home
                // near enough to its block to be useful and far enough to hide the house.
                if (auto v = parse_double(value); v && std::isfinite(*v))
                    s.projector_displace_m =
                        std::clamp(*v, k_min_projector_displace_m, k_max_projector_displace_m);
                else
                    ok = false;
            } else if (key == "last_db") {
                s.last_db = value;
            } else if (key == "replica") { // the local replica's file (issue 9)
                s.replica_path = value;
            } else {
                warn(line_no, "unknown key '" + key + "'");
                continue;
            }
            break;
        case Section::layer:
            if (key == "visible") {
                if (auto v = parse_flag(value))
                    layer->visible = *v;
                else
                    ok = false;
            } else if (key == "opacity") {
                if (auto v = parse_float(value))
                    layer->opacity = std::clamp(*v, 0.0f, 1.0f);
                else
                    ok = false;
            } else {
                warn(line_no, "unknown key '" + key + "'");
                continue;
            }
            break;
        case Section::user_layers:
            if (key == "file" && !value.empty())
                s.user_layers.push_back(value);
            else
                ok = false;
            break;
        case Section::none:
            warn(line_no, "key outside a section: " + key);
            continue;
        case Section::unknown:
            continue;
        }
        if (!ok) warn(line_no, "bad value for '" + key + "': '" + value + "'");
    }
    return s;
}

Settings load_settings(const std::filesystem::path& path, std::vector<std::string>* warnings) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return {};
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (warnings) warnings->push_back("cannot read " + path.string() + "; using defaults");
        return {};
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse_ini(text.str(), warnings);
}

std::string save_settings(const Settings& settings, const std::filesystem::path& path) {
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    // Written beside the target and renamed over it, so a crash never leaves half a file.
    const auto tmp = path.string() + ".tmp" + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) return "cannot write " + tmp;
        out << to_ini(settings);
        out.flush();
        if (!out) return "cannot write " + tmp;
    }
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        return "cannot replace " + path.string();
    }
    return {};
}

void apply_layer_settings(const Settings& settings, map::Scene& scene) {
    std::vector<std::size_t> slots; // positions of listed layers in the scene
    std::vector<map::Layer> listed;
    for (const auto& ls : settings.layers)
        for (std::size_t i = 0; i < scene.layers.size(); ++i)
            if (scene.layers[i].id == ls.id) {
                slots.push_back(i);
                scene.layers[i].visible = ls.visible;
                scene.layers[i].opacity = ls.opacity;
            }
    // The listed layers take the listed order inside the slots they occupy together.
    std::vector<std::size_t> sorted = slots;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i : slots)
        listed.push_back(std::move(scene.layers[i]));
    for (std::size_t k = 0; k < sorted.size(); ++k)
        scene.layers[sorted[k]] = std::move(listed[k]);
}

void capture_layer_settings(const map::Scene& scene, Settings& settings) {
    std::vector<LayerSetting> out;
    for (const auto& l : scene.layers)
        out.push_back({l.id, l.visible, l.opacity});
    // Layers remembered but not in this scene (a user layer whose file is gone) stay listed.
    for (const auto& old : settings.layers)
        if (std::none_of(out.begin(), out.end(),
                         [&](const LayerSetting& l) { return l.id == old.id; }))
            out.push_back(old);
    settings.layers = std::move(out);
}

} // namespace breathline::ui
