# sdxl: the two entry points named in README.md.
.PHONY: run test deps test-deps

# Build in release mode and open the TUI (on the bundled demo model unless ARGS names another).
run: deps
	swift build -c release --product sdxl
	.build/release/sdxl $(ARGS)

# Build and run every test.
test: test-deps
	swift test

deps:
	Tools/install-deps.sh

test-deps:
	Tools/install-deps.sh --test
