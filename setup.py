from setuptools import find_namespace_packages, setup

setup(
    name="ckanext-govopen",
    version="0.1.0",
    description="Provincial government open-data portal on CKAN 2.11",
    license="AGPL-3.0",
    python_requires=">=3.11",
    package_dir={"": "ckanext-govopen"},
    packages=find_namespace_packages(where="ckanext-govopen", include=["ckanext.*"]),
    include_package_data=True,
    package_data={
        "ckanext.govopen": [
            "config_declaration.yaml",
            "templates/**/*",
            "security/templates/**/*",
            "assets/**/*",
            "i18n/**/*",
            "schemas/*.yaml",
            "desensitize/*.yaml",
            "public/**/*",
            "migration/**/*",
        ],
    },
    entry_points={
        "ckan.plugins": ["govopen = ckanext.govopen.plugin:GovOpenPlugin"],
        "babel.extractors": ["ckan = ckan.lib.extract:extract_ckan"],
        "ckan.rdf.profiles": [
            "govopen = ckanext.govopen.dcat.profile:GovOpenProfile",
            "govopen_provenance = ckanext.govopen.provenance.rdf:GovOpenProvenanceProfile",
        ],
    },
    message_extractors={
        "ckanext-govopen/ckanext": [
            ("**.py", "python", None),
            ("**.js", "javascript", None),
            ("**/templates/**.html", "ckan", None),
        ],
    },
)
