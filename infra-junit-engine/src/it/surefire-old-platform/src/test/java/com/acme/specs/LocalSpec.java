package com.acme.specs;

import dev.infrajunit.Check;
import dev.infrajunit.InfraTest;

@InfraTest
class LocalSpec {

    @Check
    void nothingToCheck() {
    }
}
