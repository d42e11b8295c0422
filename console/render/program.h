#pragma once
/// Compiling and linking the map's shader programs with their status checked.

#include "console/render/gl_handles.h"

#include <string_view>

namespace breathline::render {

/// Compiles both stages and links them. `name` (e.g. "line") appears in the
/// error, with the stage and GL's info log, so a driver rejecting a shader
/// says which one. Throws std::runtime_error on any compile or link failure.
/// Precondition: a current GL 3.3 core context.
GlProgram build_program(std::string_view name, std::string_view vertex_source,
                        std::string_view fragment_source);

/// Location of uniform `name` in `program`; -1 when the linker dropped it
/// (glUniform* ignores -1, so an unused uniform is harmless).
GLint uniform_location(const GlProgram& program, const char* name);

} // namespace breathline::render
