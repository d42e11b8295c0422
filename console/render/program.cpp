#include "console/render/program.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace breathline::render {

namespace {

std::string shader_log(GLuint shader) {
    GLint length = 0;
    glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length);
    std::vector<char> log(static_cast<std::size_t>(std::max(length, 1)), '\0');
    glGetShaderInfoLog(shader, length, nullptr, log.data());
    return log.data();
}

std::string program_log(GLuint program) {
    GLint length = 0;
    glGetProgramiv(program, GL_INFO_LOG_LENGTH, &length);
    std::vector<char> log(static_cast<std::size_t>(std::max(length, 1)), '\0');
    glGetProgramInfoLog(program, length, nullptr, log.data());
    return log.data();
}

GlShader compile(std::string_view name, const char* stage, GLenum type, std::string_view source) {
    GlShader shader(type);
    const GLchar* text = source.data();
    const auto length = static_cast<GLint>(source.size());
    glShaderSource(shader.get(), 1, &text, &length);
    glCompileShader(shader.get());
    GLint ok = GL_FALSE;
    glGetShaderiv(shader.get(), GL_COMPILE_STATUS, &ok);
    if (ok != GL_TRUE)
        throw std::runtime_error("shader " + std::string(name) + "." + stage +
                                 " failed to compile: " + shader_log(shader.get()));
    return shader;
}

} // namespace

GlProgram build_program(std::string_view name, std::string_view vertex_source,
                        std::string_view fragment_source) {
    const GlShader vs = compile(name, "vert", GL_VERTEX_SHADER, vertex_source);
    const GlShader fs = compile(name, "frag", GL_FRAGMENT_SHADER, fragment_source);
    GlProgram program = GlProgram::create();
    glAttachShader(program.get(), vs.get());
    glAttachShader(program.get(), fs.get());
    glLinkProgram(program.get());
    GLint ok = GL_FALSE;
    glGetProgramiv(program.get(), GL_LINK_STATUS, &ok);
    glDetachShader(program.get(), vs.get());
    glDetachShader(program.get(), fs.get());
    if (ok != GL_TRUE)
        throw std::runtime_error("shader program " + std::string(name) +
                                 " failed to link: " + program_log(program.get()));
    return program;
}

GLint uniform_location(const GlProgram& program, const char* name) {
    return glGetUniformLocation(program.get(), name);
}

} // namespace breathline::render
