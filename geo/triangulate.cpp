#include "geo/triangulate.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

namespace breathline::geo {

namespace {

// A vertex of the circular doubly linked ring being clipped. Nodes live in a deque so that
// pointers stay valid while splits add nodes.
struct Node {
    std::uint32_t i = 0;  // index into the vertex array
    double x = 0, y = 0;  // relative to the first outer vertex, for precision
    Node* prev = nullptr; // ring order
    Node* next = nullptr;
    std::uint32_t z = 0;    // z-order key (large rings only)
    Node* prev_z = nullptr; // z-order list
    Node* next_z = nullptr;
    bool steiner = false; // a degenerate hole reduced to one point
};

// Twice the signed area of triangle p, q, r in earcut's convention: negative when the turn
// p -> q -> r is convex for the ring orientation the clipper uses.
double area(const Node* p, const Node* q, const Node* r) {
    return (q->y - p->y) * (r->x - q->x) - (q->x - p->x) * (r->y - q->y);
}

bool equals(const Node* a, const Node* b) {
    return a->x == b->x && a->y == b->y;
}

bool point_in_triangle(double ax, double ay, double bx, double by, double cx, double cy, double px,
                       double py) {
    return (cx - px) * (ay - py) >= (ax - px) * (cy - py) &&
           (ax - px) * (by - py) >= (bx - px) * (ay - py) &&
           (bx - px) * (cy - py) >= (cx - px) * (by - py);
}

int sign(double v) {
    return v > 0 ? 1 : (v < 0 ? -1 : 0);
}

// q lies on segment p-r, given that the three are collinear.
bool on_segment(const Node* p, const Node* q, const Node* r) {
    return q->x <= std::max(p->x, r->x) && q->x >= std::min(p->x, r->x) &&
           q->y <= std::max(p->y, r->y) && q->y >= std::min(p->y, r->y);
}

bool intersects(const Node* p1, const Node* q1, const Node* p2, const Node* q2) {
    const int o1 = sign(area(p1, q1, p2));
    const int o2 = sign(area(p1, q1, q2));
    const int o3 = sign(area(p2, q2, p1));
    const int o4 = sign(area(p2, q2, q1));
    if (o1 != o2 && o3 != o4) return true;
    if (o1 == 0 && on_segment(p1, p2, q1)) return true;
    if (o2 == 0 && on_segment(p1, q2, q1)) return true;
    if (o3 == 0 && on_segment(p2, p1, q2)) return true;
    if (o4 == 0 && on_segment(p2, q1, q2)) return true;
    return false;
}

class Clipper {
public:
    explicit Clipper(std::vector<PlaneXY>& vertices) : m_vertices(vertices) {}

    std::vector<std::array<std::uint32_t, 3>> run(std::size_t outer_count,
                                                  const std::vector<std::size_t>& hole_starts) {
        Node* outer = linked_list(0, outer_count, true);
        if (!outer || outer->next == outer->prev) return std::move(m_triangles);
        if (!hole_starts.empty()) outer = eliminate_holes(hole_starts, outer);
        if (m_vertices.size() > 80) {
            double min_x = m_nodes_min_x, min_y = m_nodes_min_y;
            const double size = std::max(m_nodes_max_x - min_x, m_nodes_max_y - min_y);
            m_min_x = min_x;
            m_min_y = min_y;
            m_inv_size = size != 0 ? 32767.0 / size : 0;
        }
        clip(outer, 0);
        return std::move(m_triangles);
    }

private:
    Node* insert_node(std::uint32_t i, Node* last) {
        Node& n = m_nodes.emplace_back();
        n.i = i;
        n.x = m_vertices[i].x_east_m;
        n.y = m_vertices[i].y_north_m;
        m_nodes_min_x = std::min(m_nodes_min_x, n.x);
        m_nodes_min_y = std::min(m_nodes_min_y, n.y);
        m_nodes_max_x = std::max(m_nodes_max_x, n.x);
        m_nodes_max_y = std::max(m_nodes_max_y, n.y);
        if (!last) {
            n.prev = &n;
            n.next = &n;
        } else {
            n.next = last->next;
            n.prev = last;
            last->next->prev = &n;
            last->next = &n;
        }
        return &n;
    }

    static void remove_node(Node* p) {
        p->next->prev = p->prev;
        p->prev->next = p->next;
        if (p->prev_z) p->prev_z->next_z = p->next_z;
        if (p->next_z) p->next_z->prev_z = p->prev_z;
    }

    double ring_signed_area(std::size_t start, std::size_t end) const {
        double sum = 0;
        for (std::size_t i = start, j = end - 1; i < end; j = i++)
            sum += (m_vertices[j].x_east_m - m_vertices[i].x_east_m) *
                   (m_vertices[i].y_north_m + m_vertices[j].y_north_m);
        return sum;
    }

    // Links vertices [start, end) into a ring of the requested orientation.
    Node* linked_list(std::size_t start, std::size_t end, bool clockwise) {
        if (end <= start) return nullptr;
        Node* last = nullptr;
        if (clockwise == (ring_signed_area(start, end) > 0)) {
            for (std::size_t i = start; i < end; ++i)
                last = insert_node(static_cast<std::uint32_t>(i), last);
        } else {
            for (std::size_t i = end; i-- > start;)
                last = insert_node(static_cast<std::uint32_t>(i), last);
        }
        if (last && equals(last, last->next)) {
            remove_node(last);
            last = last->next;
        }
        return last;
    }

    // Drops duplicate and collinear vertices between start and end.
    static Node* filter_points(Node* start, Node* end = nullptr) {
        if (!start) return start;
        if (!end) end = start;
        Node* p = start;
        bool again = false;
        do {
            again = false;
            if (!p->steiner && (equals(p, p->next) || area(p->prev, p, p->next) == 0)) {
                remove_node(p);
                p = end = p->prev;
                if (p == p->next) break;
                again = true;
            } else {
                p = p->next;
            }
        } while (again || p != end);
        return end;
    }

    void clip(Node* ear, int pass) {
        if (!ear) return;
        if (pass == 0 && m_inv_size != 0) index_curve(ear);
        Node* stop = ear;
        while (ear->prev != ear->next) {
            Node* prev = ear->prev;
            Node* next = ear->next;
            if (m_inv_size != 0 ? is_ear_hashed(ear) : is_ear(ear)) {
                m_triangles.push_back({prev->i, ear->i, next->i});
                remove_node(ear);
                ear = next->next;
                stop = next->next;
                continue;
            }
            ear = next;
            if (ear == stop) {
                // No ear found in a whole turn: clean up and try harder.
                if (pass == 0) {
                    clip(filter_points(ear), 1);
                } else if (pass == 1) {
                    ear = cure_local_intersections(filter_points(ear));
                    clip(ear, 2);
                } else {
                    split_clip(ear);
                }
                break;
            }
        }
    }

    static bool is_ear(const Node* ear) {
        const Node* a = ear->prev;
        const Node* b = ear;
        const Node* c = ear->next;
        if (area(a, b, c) >= 0) return false; // reflex
        const double x0 = std::min({a->x, b->x, c->x}), y0 = std::min({a->y, b->y, c->y});
        const double x1 = std::max({a->x, b->x, c->x}), y1 = std::max({a->y, b->y, c->y});
        for (const Node* p = c->next; p != a; p = p->next) {
            if (p->x >= x0 && p->x <= x1 && p->y >= y0 && p->y <= y1 &&
                point_in_triangle(a->x, a->y, b->x, b->y, c->x, c->y, p->x, p->y) &&
                area(p->prev, p, p->next) >= 0)
                return false;
        }
        return true;
    }

    bool blocks(const Node* p, const Node* a, const Node* b, const Node* c, double x0, double y0,
                double x1, double y1) const {
        return p->x >= x0 && p->x <= x1 && p->y >= y0 && p->y <= y1 && p != a && p != c &&
               point_in_triangle(a->x, a->y, b->x, b->y, c->x, c->y, p->x, p->y) &&
               area(p->prev, p, p->next) >= 0;
    }

    bool is_ear_hashed(const Node* ear) const {
        const Node* a = ear->prev;
        const Node* b = ear;
        const Node* c = ear->next;
        if (area(a, b, c) >= 0) return false;
        const double x0 = std::min({a->x, b->x, c->x}), y0 = std::min({a->y, b->y, c->y});
        const double x1 = std::max({a->x, b->x, c->x}), y1 = std::max({a->y, b->y, c->y});
        const std::uint32_t min_z = z_order(x0, y0);
        const std::uint32_t max_z = z_order(x1, y1);
        const Node* p = ear->prev_z;
        const Node* n = ear->next_z;
        while (p && p->z >= min_z && n && n->z <= max_z) {
            if (blocks(p, a, b, c, x0, y0, x1, y1)) return false;
            p = p->prev_z;
            if (blocks(n, a, b, c, x0, y0, x1, y1)) return false;
            n = n->next_z;
        }
        for (; p && p->z >= min_z; p = p->prev_z)
            if (blocks(p, a, b, c, x0, y0, x1, y1)) return false;
        for (; n && n->z <= max_z; n = n->next_z)
            if (blocks(n, a, b, c, x0, y0, x1, y1)) return false;
        return true;
    }

    Node* cure_local_intersections(Node* start) {
        Node* p = start;
        do {
            Node* a = p->prev;
            Node* b = p->next->next;
            if (!equals(a, b) && intersects(a, p, p->next, b) && locally_inside(a, b) &&
                locally_inside(b, a)) {
                m_triangles.push_back({a->i, p->i, b->i});
                remove_node(p);
                remove_node(p->next);
                p = start = b;
            }
            p = p->next;
        } while (p != start);
        return filter_points(p);
    }

    void split_clip(Node* start) {
        Node* a = start;
        do {
            Node* b = a->next->next;
            while (b != a->prev) {
                if (a->i != b->i && is_valid_diagonal(a, b)) {
                    Node* c = split_polygon(a, b);
                    a = filter_points(a, a->next);
                    c = filter_points(c, c->next);
                    clip(a, 0);
                    clip(c, 0);
                    return;
                }
                b = b->next;
            }
            a = a->next;
        } while (a != start);
    }

    Node* eliminate_holes(const std::vector<std::size_t>& hole_starts, Node* outer) {
        std::vector<Node*> queue;
        for (std::size_t h = 0; h < hole_starts.size(); ++h) {
            const std::size_t start = hole_starts[h];
            const std::size_t end =
                h + 1 < hole_starts.size() ? hole_starts[h + 1] : m_vertices.size();
            Node* list = linked_list(start, end, false);
            if (!list) continue;
            if (list == list->next) list->steiner = true;
            queue.push_back(leftmost(list));
        }
        std::sort(queue.begin(), queue.end(), [](const Node* a, const Node* b) {
            return a->x < b->x || (a->x == b->x && a->i < b->i);
        });
        for (Node* hole : queue)
            outer = eliminate_hole(hole, outer);
        return outer;
    }

    Node* eliminate_hole(Node* hole, Node* outer) {
        Node* bridge = find_hole_bridge(hole, outer);
        if (!bridge) return outer;
        Node* bridge_reverse = split_polygon(bridge, hole);
        filter_points(bridge_reverse, bridge_reverse->next);
        return filter_points(bridge, bridge->next);
    }

    // David Eberly's method: the outer vertex visible from the hole's leftmost point.
    static Node* find_hole_bridge(Node* hole, Node* outer) {
        Node* p = outer;
        const double hx = hole->x, hy = hole->y;
        double qx = -std::numeric_limits<double>::infinity();
        Node* m = nullptr;
        do {
            if (hy <= p->y && hy >= p->next->y && p->next->y != p->y) {
                const double x = p->x + (hy - p->y) * (p->next->x - p->x) / (p->next->y - p->y);
                if (x <= hx && x > qx) {
                    qx = x;
                    m = p->x < p->next->x ? p : p->next;
                    if (x == hx) return m;
                }
            }
            p = p->next;
        } while (p != outer);
        if (!m) return nullptr;

        Node* stop = m;
        const double mx = m->x, my = m->y;
        double tan_min = std::numeric_limits<double>::infinity();
        p = m;
        do {
            if (hx >= p->x && p->x >= mx && hx != p->x &&
                point_in_triangle(hy < my ? hx : qx, hy, mx, my, hy < my ? qx : hx, hy, p->x,
                                  p->y)) {
                const double tan = std::abs(hy - p->y) / (hx - p->x);
                if (locally_inside(p, hole) &&
                    (tan < tan_min ||
                     (tan == tan_min &&
                      (p->x > m->x || (p->x == m->x && sector_contains_sector(m, p)))))) {
                    m = p;
                    tan_min = tan;
                }
            }
            p = p->next;
        } while (p != stop);
        return m;
    }

    static bool sector_contains_sector(const Node* m, const Node* p) {
        return area(m->prev, m, p->prev) < 0 && area(p->next, m, m->next) < 0;
    }

    static Node* leftmost(Node* start) {
        Node* p = start;
        Node* left = start;
        do {
            if (p->x < left->x || (p->x == left->x && p->y < left->y)) left = p;
            p = p->next;
        } while (p != start);
        return left;
    }

    static bool is_valid_diagonal(const Node* a, const Node* b) {
        return a->next->i != b->i && a->prev->i != b->i && !intersects_polygon(a, b) &&
               ((locally_inside(a, b) && locally_inside(b, a) && middle_inside(a, b) &&
                 (area(a->prev, a, b->prev) != 0 || area(a, b->prev, b) != 0)) ||
                (equals(a, b) && area(a->prev, a, a->next) > 0 && area(b->prev, b, b->next) > 0));
    }

    static bool intersects_polygon(const Node* a, const Node* b) {
        const Node* p = a;
        do {
            if (p->i != a->i && p->next->i != a->i && p->i != b->i && p->next->i != b->i &&
                intersects(p, p->next, a, b))
                return true;
            p = p->next;
        } while (p != a);
        return false;
    }

    static bool locally_inside(const Node* a, const Node* b) {
        return area(a->prev, a, a->next) < 0 ? area(a, b, a->next) >= 0 && area(a, a->prev, b) >= 0
                                             : area(a, b, a->prev) < 0 || area(a, a->next, b) < 0;
    }

    static bool middle_inside(const Node* a, const Node* b) {
        const Node* p = a;
        bool inside = false;
        const double px = (a->x + b->x) / 2, py = (a->y + b->y) / 2;
        do {
            if (((p->y > py) != (p->next->y > py)) && p->next->y != p->y &&
                (px < (p->next->x - p->x) * (py - p->y) / (p->next->y - p->y) + p->x))
                inside = !inside;
            p = p->next;
        } while (p != a);
        return inside;
    }

    // Links a and b with a diagonal; returns the copy of b in the second ring.
    Node* split_polygon(Node* a, Node* b) {
        Node& a2 = m_nodes.emplace_back(*a);
        Node& b2 = m_nodes.emplace_back(*b);
        a2.prev_z = a2.next_z = b2.prev_z = b2.next_z = nullptr;
        Node* an = a->next;
        Node* bp = b->prev;
        a->next = b;
        b->prev = a;
        a2.next = an;
        an->prev = &a2;
        b2.next = &a2;
        a2.prev = &b2;
        bp->next = &b2;
        b2.prev = bp;
        return &b2;
    }

    std::uint32_t z_order(double xd, double yd) const {
        auto spread = [](std::uint32_t v) {
            v = (v | (v << 8)) & 0x00FF00FFu;
            v = (v | (v << 4)) & 0x0F0F0F0Fu;
            v = (v | (v << 2)) & 0x33333333u;
            v = (v | (v << 1)) & 0x55555555u;
            return v;
        };
        const auto x = static_cast<std::uint32_t>((xd - m_min_x) * m_inv_size);
        const auto y = static_cast<std::uint32_t>((yd - m_min_y) * m_inv_size);
        return spread(x) | (spread(y) << 1);
    }

    void index_curve(Node* start) {
        Node* p = start;
        do {
            if (p->z == 0) p->z = z_order(p->x, p->y);
            p->prev_z = p->prev;
            p->next_z = p->next;
            p = p->next;
        } while (p != start);
        p->prev_z->next_z = nullptr;
        p->prev_z = nullptr;
        sort_linked(p);
    }

    // Merge sort of the z list (Simon Tatham's linked-list merge sort): stable, no allocation.
    static Node* sort_linked(Node* list) {
        int in_size = 1;
        int merges = 0;
        do {
            Node* p = list;
            list = nullptr;
            Node* tail = nullptr;
            merges = 0;
            while (p) {
                ++merges;
                Node* q = p;
                int p_size = 0;
                for (int i = 0; i < in_size; ++i) {
                    ++p_size;
                    q = q->next_z;
                    if (!q) break;
                }
                int q_size = in_size;
                while (p_size > 0 || (q_size > 0 && q)) {
                    Node* e = nullptr;
                    if (p_size != 0 && (q_size == 0 || !q || p->z <= q->z)) {
                        e = p;
                        p = p->next_z;
                        --p_size;
                    } else {
                        e = q;
                        q = q->next_z;
                        --q_size;
                    }
                    if (tail)
                        tail->next_z = e;
                    else
                        list = e;
                    e->prev_z = tail;
                    tail = e;
                }
                p = q;
            }
            tail->next_z = nullptr;
            in_size *= 2;
        } while (merges > 1);
        return list;
    }

    std::vector<PlaneXY>& m_vertices;
    std::deque<Node> m_nodes;
    std::vector<std::array<std::uint32_t, 3>> m_triangles;
    double m_nodes_min_x = std::numeric_limits<double>::infinity();
    double m_nodes_min_y = std::numeric_limits<double>::infinity();
    double m_nodes_max_x = -std::numeric_limits<double>::infinity();
    double m_nodes_max_y = -std::numeric_limits<double>::infinity();
    double m_min_x = 0, m_min_y = 0, m_inv_size = 0;
};

// Appends a ring without its explicit closing point, relative to `base`.
void append_ring(std::vector<PlaneXY>& out, const PlaneRing& ring, const PlaneXY& base) {
    std::size_t n = ring.size();
    if (n > 1 && ring.front() == ring.back()) --n;
    for (std::size_t i = 0; i < n; ++i)
        out.push_back({ring[i].x_east_m - base.x_east_m, ring[i].y_north_m - base.y_north_m});
}

} // namespace

double signed_area(const PlaneTriangle& t) {
    return 0.5 * ((t[1].x_east_m - t[0].x_east_m) * (t[2].y_north_m - t[0].y_north_m) -
                  (t[2].x_east_m - t[0].x_east_m) * (t[1].y_north_m - t[0].y_north_m));
}

std::vector<PlaneTriangle> triangulate(const PlaneRing& outer,
                                       const std::vector<PlaneRing>& holes) {
    std::vector<PlaneTriangle> out;
    if (outer.size() < 3) return out;
    // Working relative to the first vertex keeps the ear tests' products small, so exact
    // collinearity (area == 0) still holds after subtraction for 6677 coordinates of ~1e5 m.
    const PlaneXY base = outer.front();
    std::vector<PlaneXY> vertices;
    append_ring(vertices, outer, base);
    const std::size_t outer_count = vertices.size();
    std::vector<std::size_t> hole_starts;
    for (const PlaneRing& hole : holes) {
        const std::size_t before = vertices.size();
        append_ring(vertices, hole, base);
        if (vertices.size() > before) hole_starts.push_back(before);
    }
    for (const PlaneXY& v : vertices)
        if (!std::isfinite(v.x_east_m) || !std::isfinite(v.y_north_m)) return out;

    Clipper clipper(vertices);
    const auto indices = clipper.run(outer_count, hole_starts);
    out.reserve(indices.size());
    for (const auto& t : indices) {
        PlaneTriangle tri;
        for (int k = 0; k < 3; ++k) {
            const PlaneXY& v = vertices[t[static_cast<std::size_t>(k)]];
            tri[static_cast<std::size_t>(k)] = {v.x_east_m + base.x_east_m,
                                                v.y_north_m + base.y_north_m};
        }
        // The clipper emits clockwise triangles in its y-down convention, which are
        // counter-clockwise here; it may also emit slivers along collinear runs it keeps.
        const double a = signed_area(tri);
        if (a > 0) out.push_back(tri);
    }
    return out;
}

std::vector<PlaneTriangle> triangulate(const Polygon& polygon, const PlaneProjector& projector) {
    auto project = [&](const Ring& ring) {
        PlaneRing out(ring.points.size());
        if (!ring.points.empty()) projector.to_plane(ring.points, out);
        return out;
    };
    std::vector<PlaneRing> holes;
    holes.reserve(polygon.holes.size());
    for (const Ring& h : polygon.holes)
        holes.push_back(project(h));
    return triangulate(project(polygon.outer), holes);
}

} // namespace breathline::geo
