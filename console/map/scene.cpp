#include "console/map/scene.h"

#include <algorithm>
#include <atomic>

namespace breathline::map {

std::uint64_t next_layer_revision() {
    static std::atomic<std::uint64_t> counter{1};
    return counter.fetch_add(1, std::memory_order_relaxed);
}

void PlaneBox::extend(double x, double y) {
    if (empty()) {
        *this = {x, y, x, y};
        return;
    }
    min_x = std::min(min_x, x);
    min_y = std::min(min_y, y);
    max_x = std::max(max_x, x);
    max_y = std::max(max_y, y);
}

Layer* Scene::find(std::string_view id) {
    for (auto& l : layers)
        if (l.id == id) return &l;
    return nullptr;
}

const Layer* Scene::find(std::string_view id) const {
    for (const auto& l : layers)
        if (l.id == id) return &l;
    return nullptr;
}

} // namespace breathline::map
