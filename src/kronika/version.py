"""kronika's version, in a module of its own so that every part can name it without importing the
package root (which lazily imports the pipeline: importing the root from the pipeline made a cycle)."""

__version__ = "0.1.0"
