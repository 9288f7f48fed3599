// The subcommands; each returns the process exit code.
#pragma once

namespace sf::cli {

int cmd_serve(int argc, char** argv);
int cmd_import(int argc, char** argv);
int cmd_export(int argc, char** argv);
int cmd_nearest(int argc, char** argv);
int cmd_info(int argc, char** argv);
int cmd_gaps(int argc, char** argv);
int cmd_districts(int argc, char** argv);
int cmd_profile(int argc, char** argv);
int cmd_suggest(int argc, char** argv);
int cmd_network(int argc, char** argv);
int cmd_isochrone(int argc, char** argv);

}  // namespace sf::cli
