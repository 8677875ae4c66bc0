"""Imports every CLI command module so that it registers with the ``geldstromen`` group.

Add one line per module: ``from geldstromen.cli import <module>  # noqa: F401``.
"""

import geldstromen.cli.controle  # noqa: F401
import geldstromen.cli.dekking  # noqa: F401
import geldstromen.cli.geldstromen_export  # noqa: F401
import geldstromen.cli.lokaal  # noqa: F401
import geldstromen.cli.rapport  # noqa: F401
import geldstromen.scenario.cli  # noqa: F401
from geldstromen.cli import bench, deploy  # noqa: F401
