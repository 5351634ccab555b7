"""Rules engine of the NATO Space COE doctrine and standardization library.

Plain Python, independent of MkDocs: `model.load()` reads the sources once into a model,
`rules.check()` validates it, `render.Renderer` turns author Markdown into what the site engine
renders. The MkDocs plugin `scoe` (`scoelib.mkdocs_plugin`, the only module that imports MkDocs) is a
thin adapter over the rest of the package.
"""
