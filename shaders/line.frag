#version 330 core
// Coverage from the distance to the segment: a capsule, so every segment
// ends in a round cap and consecutive segments meet in a round join without
// gaps. One pixel of linear falloff anti-aliases the edge.

flat in vec2 v_p0;
flat in vec2 v_p1;
flat in float v_half_width;
flat in vec4 v_colour;
in vec2 v_pos;

out vec4 o_colour;

void main() {
    vec2 d = v_p1 - v_p0;
    vec2 w = v_pos - v_p0;
    float len2 = dot(d, d);
    float t = len2 > 0.0 ? clamp(dot(w, d) / len2, 0.0, 1.0) : 0.0;
    float dist = length(w - d * t);
    float coverage = clamp(v_half_width + 0.5 - dist, 0.0, 1.0);
    if (coverage <= 0.0) discard;
    o_colour = vec4(v_colour.rgb, v_colour.a * coverage);
}
