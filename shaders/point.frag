#version 330 core
// Every map::Shape as a signed distance field in pixels (negative inside),
// so symbols are anti-aliased at any size: fill inside, an outline band
// along the edge, one pixel of falloff outside. The shape functions follow
// Inigo Quilez's 2D distance functions (iquilezles.org, MIT licence).

flat in vec4 v_fill;
flat in vec4 v_outline;
flat in float v_radius;
flat in float v_outline_width;
flat in int v_shape;
in vec2 v_local;

out vec4 o_colour;

float sd_box(vec2 p, float b) {
    vec2 d = abs(p) - vec2(b);
    return length(max(d, 0.0)) + min(max(d.x, d.y), 0.0);
}

// Equilateral triangle pointing up, centroid at the origin; r is half the
// side length.
float sd_triangle(vec2 p, float r) {
    const float k = sqrt(3.0);
    p.x = abs(p.x) - r;
    p.y = p.y + r / k;
    if (p.x + k * p.y > 0.0) p = vec2(p.x - k * p.y, -k * p.x - p.y) / 2.0;
    p.x -= clamp(p.x, -2.0 * r, 0.0);
    return -length(p) * sign(p.y);
}

float sd_star5(vec2 p, float r, float rf) {
    const vec2 k1 = vec2(0.809016994375, -0.587785252292);
    const vec2 k2 = vec2(-k1.x, k1.y);
    p.x = abs(p.x);
    p -= 2.0 * max(dot(k1, p), 0.0) * k1;
    p -= 2.0 * max(dot(k2, p), 0.0) * k2;
    p.x = abs(p.x);
    p.y -= r;
    vec2 ba = rf * vec2(-k1.y, k1.x) - vec2(0.0, 1.0);
    float h = clamp(dot(p, ba) / dot(ba, ba), 0.0, r);
    return length(p - ba * h) * sign(p.y * ba.x - p.x * ba.y);
}

float sd_cross(vec2 p, vec2 b) {
    p = abs(p);
    p = (p.y > p.x) ? p.yx : p.xy;
    vec2 q = p - b;
    float k = max(q.y, q.x);
    vec2 w = (k > 0.0) ? q : vec2(b.y - p.x, -k);
    return sign(k) * length(max(w, 0.0));
}

// Flat-topped hexagon; r is the inner radius.
float sd_hexagon(vec2 p, float r) {
    const vec3 k = vec3(-0.866025404, 0.5, 0.577350269);
    p = abs(p);
    p -= 2.0 * min(dot(k.xy, p), 0.0) * k.xy;
    p -= vec2(clamp(p.x, -k.z * r, k.z * r), r);
    return length(p) * sign(p.y);
}

float shape_distance(vec2 p, float r) {
    // Order matches map::Shape: circle, square, triangle, diamond, star,
    // cross, hexagon, ring. Sizes are chosen so each fills about the same area;
    // the triangle's corners reach 1.1 r (the quad leaves room for them).
    if (v_shape == 1) return sd_box(p, r * 0.82);
    if (v_shape == 2) return sd_triangle(p, r * 0.95);
    if (v_shape == 3) return (abs(p.x) + abs(p.y) - r) * 0.70710678;
    if (v_shape == 4) return sd_star5(p, r, 0.45);
    if (v_shape == 5) return sd_cross(p, vec2(r, r * 0.36));
    if (v_shape == 6) return sd_hexagon(p, r * 0.866);
    if (v_shape == 7) {
        float t = max(2.0, 0.3 * r);
        return abs(length(p) - (r - 0.5 * t)) - 0.5 * t;
    }
    return length(p) - r;
}

void main() {
    float d = shape_distance(v_local, v_radius);
    float coverage = clamp(0.5 - d, 0.0, 1.0);
    if (coverage <= 0.0) discard;
    float toward_outline = v_outline_width > 0.0 ? clamp(d + v_outline_width + 0.5, 0.0, 1.0) : 0.0;
    vec4 c = mix(v_fill, v_outline, toward_outline);
    o_colour = vec4(c.rgb, c.a * coverage);
}
