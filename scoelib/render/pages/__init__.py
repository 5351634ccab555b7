"""The generated pages and the generated content of directives, one module each: `catalogue`, `glossary`,
`standards`, `translation_status`, `downloads`, `codes` (registered by directive name in
`scoelib.render.generated`), and `changes` (each publication's change page and what's new, pages without a
source file, made by `scoelib.render.Renderer.generated_markdown`)."""
