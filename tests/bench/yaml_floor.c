/*
 * The floor under every YAML loader: libyaml's parser alone, pulling every
 * event of a file and building nothing.  make bench compares the real
 * load with this, measured in the same run.
 */
#include <stdio.h>
#include <stdlib.h>

#include <yaml.h>

int
main(int argc, char **argv)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	unsigned long events = 0;
	FILE *fp;
	int done = 0;

	if (argc != 2 || (fp = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: yaml-floor FILE\n");
		return 2;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, fp);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			fprintf(stderr, "yaml-floor: parse error\n");
			return 2;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		events++;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	fclose(fp);
	printf("%lu events\n", events);
	return 0;
}
