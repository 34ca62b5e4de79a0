// composecheck loads docker-compose.yml the way `docker compose config` does (compose-go: schema
// validation, interpolation, merge of anchors, semantic checks) and prints the services found.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/compose-spec/compose-go/v2/cli"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: composecheck docker-compose.yml")
		os.Exit(2)
	}
	file, err := filepath.Abs(os.Args[1])
	exitOn(err)
	options, err := cli.NewProjectOptions([]string{file}, cli.WithWorkingDirectory(filepath.Dir(file)), cli.WithOsEnv)
	exitOn(err)
	project, err := options.LoadProject(context.Background())
	exitOn(err)
	names := project.ServiceNames()
	sort.Strings(names)
	fmt.Printf("composecheck: %s is valid: project %q, services %v\n", filepath.Base(file), project.Name, names)
}

func exitOn(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "composecheck:", err)
		os.Exit(1)
	}
}
